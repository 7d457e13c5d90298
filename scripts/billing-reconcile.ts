// npm run billing:reconcile – compare every Stripe subscription with local billing state and
// repair differences through the same convergence code as webhooks (lib/billing/sync.ts).
// Prints what changed. Runs against DATABASE_URL (or the embedded database of `npm run dev`) and
// the Stripe account (or emulator) of STRIPE_SECRET_KEY / STRIPE_API_URL.
import { openScriptDatabase } from "./lib/database-url";

const database = await openScriptDatabase();
process.env.DATABASE_URL = database.url;
process.env.DATABASE_EMBEDDED = database.embedded ? "1" : "0";
if (!process.env.STRIPE_SECRET_KEY) {
  console.error("STRIPE_SECRET_KEY is not set: there is no Stripe account to reconcile against.");
  process.exit(2);
}
const { reconcileNow } = await import("@/lib/billing/reconcile");
const { closeDatabase } = await import("@/lib/db");
try {
  const report = await reconcileNow();
  console.log(
    `Checked ${report.customers} Stripe customer(s); ${report.repaired.length} repaired.`,
  );
  for (const change of report.repaired) {
    console.log(`  ${change.workspaceId}: ${change.from} → ${change.to}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
  await database.release();
}
