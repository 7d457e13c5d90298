/**
 * `npm run bench:billing` (also run at the end of `npm run bench`) – what the entitlement checks
 * cost on the write paths, in process, against a fresh database (DATABASE_URL's server, else
 * embedded PGlite) with the billing-state cache on Redis through the Upstash REST bridge when
 * REDIS_URL is set (as in production), else in this process's memory:
 *
 *   1. getLimits(ws) with the billing state cached: p50/p99 over 2,000 sequential calls;
 *   2. consumeUsage(tx, ws, "problems") – the create-problem check: 2,000 transactions that insert
 *      a row into a scratch table with the check, interleaved with 2,000 without it; the
 *      difference of their p50 and p99 is what the check adds (Team plan: a bounded upsert);
 *   3. reserveCapacity(tx, ws, "boards") – the create-board check, the same way (Pro plan: the
 *      billing row locked and the boards counted).
 *
 * Target: each check adds < 2 ms at p99. Prints a markdown table; exit code 1 if the usage
 * counter does not equal the number of checks made (a check lost or counted twice).
 */
import { parseArgs } from "node:util";
import { startUpstashBridge } from "../lib/upstash-bridge";
import { createTestDatabase } from "../../tests/support/database";
import { alternate, pointAppAtBenchDatabase, stats, timed, type Stats } from "./lib/in-process";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "2000" },
    warmup: { type: "string", default: "200" },
  },
});
const samples = Number(values.samples);
const warmup = Number(values.warmup);
const TARGET_P99_MS = 2;

async function compare(without: () => Promise<unknown>, withCheck: () => Promise<unknown>) {
  const runs = await alternate(without, withCheck, { samples, warmup });
  return { plain: stats(runs.without), checked: stats(runs.withIt) };
}

const database = await createTestDatabase();
const bridge = process.env.REDIS_URL
  ? await startUpstashBridge({ redisUrl: process.env.REDIS_URL })
  : undefined;
if (bridge) {
  process.env.UPSTASH_REDIS_REST_URL = bridge.url;
  process.env.UPSTASH_REDIS_REST_TOKEN = bridge.token;
}
pointAppAtBenchDatabase(database);

const { sql } = await import("drizzle-orm");
const { db, closeDatabase } = await import("@/lib/db");
const { consumeUsage, getLimits, reserveCapacity, usagePeriod } =
  await import("@/lib/billing/entitlements");
const { createBoardRow, createWorkspaceRow, setPlan } =
  await import("../../tests/support/factories");

// The row a create path writes, without the rest of it: an ordinary table (a temporary one
// would exist on one pooled connection only) in the throwaway database.
await db.execute(sql`
  create table bench_writes (
    id bigserial primary key,
    workspace_id text not null,
    created_at timestamptz not null default now()
  )`);
const write = (tx: Pick<typeof db, "execute">, workspaceId: string) =>
  tx.execute(sql`insert into bench_writes (workspace_id) values (${workspaceId})`);

// Team: 20,000 problems a month, so the counter is a bounded upsert and no warning threshold is
// reached here. Pro: 5 boards, so the board count runs (2 boards: there is always room).
const team = await createWorkspaceRow();
await setPlan(team.id, "team", { seats: 5 });
const pro = await createWorkspaceRow();
await setPlan(pro.id, "pro");
await createBoardRow(pro.id);
await createBoardRow(pro.id);

// 1. getLimits with the billing state cached.
await getLimits(team.id);
for (let i = 0; i < warmup; i++) await getLimits(team.id);
const limitsLatencies: number[] = [];
for (let i = 0; i < samples; i++) limitsLatencies.push(await timed(() => getLimits(team.id)));
const limits = stats(limitsLatencies);

// 1b. The same with the one-second in-process memo emptied before each call: what the first
// check in a second costs (the shared cache: Redis through the bridge, or in-memory).
const memo = (globalThis as { __problemboardBillingMemo?: Map<string, unknown> })
  .__problemboardBillingMemo;
const sharedLatencies: number[] = [];
for (let i = 0; i < samples; i++) {
  memo?.clear();
  sharedLatencies.push(await timed(() => getLimits(team.id)));
}
const shared = stats(sharedLatencies);

// 2. consumeUsage on the create-problem path.
const usage = await compare(
  () => db.transaction((tx) => write(tx, team.id)),
  () =>
    db.transaction(async (tx) => {
      await consumeUsage(tx, team.id, "problems");
      await write(tx, team.id);
    }),
);

// 3. reserveCapacity on the create-board path.
const capacity = await compare(
  () => db.transaction((tx) => write(tx, pro.id)),
  () =>
    db.transaction(async (tx) => {
      await reserveCapacity(tx, pro.id, "boards");
      await write(tx, pro.id);
    }),
);

const [counter] = await db.execute<{ used: number }>(sql`
  select used from usage_counters
  where workspace_id = ${team.id} and metric = 'problems' and period_start = ${usagePeriod().start}`);
const expectedUsed = warmup + samples;
const counted = counter?.used === expectedUsed;

const ms = (value: number) => `${value.toFixed(2)} ms`;
const verdict = (p99: number) => (p99 < TARGET_P99_MS ? "PASS" : "FAIL");
const added = (result: { plain: Stats; checked: Stats }) => ({
  p50: result.checked.p50 - result.plain.p50,
  p99: result.checked.p99 - result.plain.p99,
});
const usageAdded = added(usage);
const capacityAdded = added(capacity);
const target = `adds < ${TARGET_P99_MS} ms p99`;

const rows = [
  [
    "getLimits, repeated (in-process memo, 1 s)",
    ms(limits.p50),
    ms(limits.p99),
    `< ${TARGET_P99_MS} ms p99`,
    verdict(limits.p99),
  ],
  [
    "getLimits, first in a second (shared cache)",
    ms(shared.p50),
    ms(shared.p99),
    `< ${TARGET_P99_MS} ms p99`,
    verdict(shared.p99),
  ],
  ["Transaction: insert a row", ms(usage.plain.p50), ms(usage.plain.p99), "–", "–"],
  ["… with consumeUsage(problems)", ms(usage.checked.p50), ms(usage.checked.p99), "–", "–"],
  ["consumeUsage adds", ms(usageAdded.p50), ms(usageAdded.p99), target, verdict(usageAdded.p99)],
  ["Transaction: insert a row", ms(capacity.plain.p50), ms(capacity.plain.p99), "–", "–"],
  ["… with reserveCapacity(boards)", ms(capacity.checked.p50), ms(capacity.checked.p99), "–", "–"],
  [
    "reserveCapacity adds",
    ms(capacityAdded.p50),
    ms(capacityAdded.p99),
    target,
    verdict(capacityAdded.p99),
  ],
  [
    "Problems counted",
    `${counter?.used ?? 0} of ${expectedUsed}`,
    "",
    "exact",
    counted ? "PASS" : "FAIL",
  ],
];
console.log(
  `\n### Entitlement checks (${database.embedded ? "embedded PGlite" : "PostgreSQL"}, billing ` +
    `state cached ${bridge ? "in Redis through the Upstash bridge" : "in memory"}; ` +
    `${samples} samples each, sequential)\n`,
);
console.log("| Measure | p50 | p99 | Target | |");
console.log("|---|---|---|---|---|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);

await closeDatabase();
await bridge?.stop();
await database.close();
process.exit(counted ? 0 : 1);
