// npm run audit:verify [-- <workspace id> | global] – recompute the audit trail's hash chains of
// DATABASE_URL (or the embedded database of a running `npm run dev`). Prints OK and each chain's
// head, or the first broken row of every broken chain, and exits 1 when anything was tampered with.
// See docs/runbooks/audit.md.
import { openScriptDatabase } from "./lib/database-url";

const [only] = process.argv.slice(2);

const database = await openScriptDatabase();
process.env.DATABASE_URL = database.url;
process.env.DATABASE_EMBEDDED = database.embedded ? "1" : "0";
const { verifyAll, verifyAuditChain } = await import("@/lib/audit/verify");
const { closeDatabase } = await import("@/lib/db");

const chainName = (workspaceId: string | null) => workspaceId ?? "global";

try {
  const result = only
    ? await verifyAuditChain(only === "global" ? null : only).then((chain) => ({
        ok: chain.ok,
        rows: chain.rows,
        chains: [chain],
      }))
    : await verifyAll();
  for (const chain of result.chains) {
    if (chain.ok) {
      console.log(
        `OK      ${chainName(chain.workspaceId)}  ${chain.rows} rows  head ${chain.head}`,
      );
    } else {
      const broken = chain.broken!;
      console.log(
        `BROKEN  ${chainName(chain.workspaceId)}  row ${broken.id} (seq ${broken.seq}): ${broken.message}`,
      );
    }
  }
  if (result.ok) {
    console.log(`OK: ${result.chains.length} chains, ${result.rows} rows verified.`);
  } else {
    const broken = result.chains.filter((chain) => !chain.ok).length;
    console.error(`TAMPERED: ${broken} of ${result.chains.length} chains are broken.`);
    process.exitCode = 1;
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  console.error(
    `${message} ${cause}`.includes('relation "audit_log" does not exist')
      ? "This database has no audit log yet: run `npm run db:migrate` (or `npm run dev`) first."
      : message,
  );
  process.exitCode = 2;
} finally {
  await closeDatabase();
  await database.release();
}
