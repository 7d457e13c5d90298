/**
 * `npm run bench:admin-queries` – the operator console's data functions alone, in process, on a
 * database with the scale data (`npm run db:seed -- --scale` first; DATABASE_URL, else the
 * embedded database that `npm run dev` serves): users search by email prefix
 * (lib/admin/search-users.ts) and customer lookup (lib/admin/lookup-customer.ts: resolve the box,
 * then the 360 view), `concurrency` callers at a time, p50 and p99 per call. Beside the HTTP
 * scenarios of `npm run bench` (which add the session check and server rendering), this shows
 * what the database queries themselves cost.
 *
 *   npm run bench:admin-queries -- [--samples 500] [--concurrency 10]
 */
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { openScriptDatabase } from "../lib/database-url";
import { pointAppAtBenchDatabase, stats, timed } from "./lib/in-process";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "500" },
    concurrency: { type: "string", default: "10" },
  },
});
const samples = Number(values.samples);
const concurrency = Number(values.concurrency);

const database = await openScriptDatabase();
pointAppAtBenchDatabase(database);
const { closeDatabase } = await import("@/lib/db");
const { searchUsers } = await import("@/lib/admin/search-users");
const { getUserCustomerView, getWorkspaceCustomerView, resolveLookup } =
  await import("@/lib/admin/lookup-customer");
const { scaleStripeIds } = await import("@/lib/db/seed-scale");

const admin = { userId: "usr_bench", platformRole: "admin" as const, impersonatorId: null };
const md5 = (text: string) => createHash("md5").update(text).digest("hex");
const PREFIXES = [
  "ada.lovelace",
  "grace.hopper1",
  "linus.torvalds4",
  "margaret.ham",
  "ken.thompson9",
  "customer12",
  "radia.perlman77",
  "guido.r",
];
const LOOKUPS = [3, 7, 1_234, 5_007, 9_999, 12_345, 17_778, 19_999].flatMap((w) => {
  const { customerId, subscriptionId } = scaleStripeIds(w, md5);
  return [customerId, subscriptionId, `usr_scale${2_000 + w}`];
});

async function lookup(q: string) {
  const match = await resolveLookup(admin, q);
  if (match.kind === "user") return getUserCustomerView(admin, match.userId);
  if (match.kind === "workspace") return getWorkspaceCustomerView(admin, match.workspaceId);
  throw new Error(`lookup found nothing for ${q}: is the scale data seeded?`);
}

async function measure(name: string, inputs: string[], call: (input: string) => Promise<unknown>) {
  for (const input of inputs) await call(input); // warm-up, and every input must work
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < samples) {
        const input = inputs[next++ % inputs.length]!;
        latencies.push(await timed(() => call(input)));
      }
    }),
  );
  const { p50, p99 } = stats(latencies);
  console.log(`| ${name} | ${latencies.length} | ${p50.toFixed(1)} ms | ${p99.toFixed(1)} ms |`);
  return p99;
}

console.log(`\n${concurrency} at a time, ${samples} calls each\n`);
console.log("| Call | Calls | p50 | p99 |");
console.log("| --- | --- | --- | --- |");
try {
  await measure("users search, email prefix", PREFIXES, (q) => searchUsers(admin, { q }));
  await measure("customer lookup (resolve + 360 view)", LOOKUPS, lookup);
} finally {
  await closeDatabase();
  await database.release();
}
