/**
 * `npm run bench:audit` (also run at the end of a full `npm run bench`) – what recording an audit
 * entry adds to the action it records, in process, against a fresh database (DATABASE_URL's
 * server, else embedded PGlite):
 *
 *   1. one action at a time: 2,000 transactions that insert a row into a scratch table, with
 *      `recordAudit(tx, …)` (lib/audit/record.ts: the chain's advisory lock, its head, the hashed
 *      insert) interleaved with 2,000 without; what the entry adds is the difference of their p50
 *      and of their p99 (target: < 2 ms at p99), and the p50/p99 of the paired differences;
 *   2. for context, the same with 10 actions at a time on one workspace, whose entries queue on
 *      that workspace's chain lock (the worst case: one busy workspace).
 *
 * Prints a markdown table; exit code 1 if the chain does not verify or holds the wrong number of
 * entries (an entry lost or written twice).
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { createTestDatabase } from "../../tests/support/database";
import { alternate, pointAppAtBenchDatabase, stats, timed } from "./lib/in-process";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "2000" },
    warmup: { type: "string", default: "200" },
    concurrency: { type: "string", default: "10" },
  },
});
const samples = Number(values.samples);
const warmup = Number(values.warmup);
const concurrency = Number(values.concurrency);
const TARGET_P99_MS = 2;

const database = await createTestDatabase();
pointAppAtBenchDatabase(database);

const { sql } = await import("drizzle-orm");
const { db, closeDatabase } = await import("@/lib/db");
const { recordAudit } = await import("@/lib/audit/record");
const { verifyAuditChain } = await import("@/lib/audit/verify");
const { createUser, createWorkspaceRow } = await import("../../tests/support/factories");

// The row an action writes, without the rest of it (as scripts/bench/billing.ts does).
await db.execute(sql`
  create table bench_writes (
    id bigserial primary key,
    workspace_id text not null,
    created_at timestamptz not null default now()
  )`);
type Executor = Pick<typeof db, "execute">;
const write = (tx: Executor, workspaceId: string) =>
  tx.execute(sql`insert into bench_writes (workspace_id) values (${workspaceId})`);

const actor = await createUser({ name: "Bench admin" });
/** What a request's entry carries (the context is passed, as outside a request there is none). */
const entry = (workspaceId: string) => ({
  workspaceId,
  actor: { type: "user" as const, id: actor.id },
  action: "board.updated" as const,
  target: { type: "board", id: "brd_bench" },
  metadata: { changes: { name: { from: "Feedback", to: "Ideas" } } },
  context: {
    ip: "203.0.113.7",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) bench",
    requestId: randomUUID(),
  },
});

const plainAction = (workspaceId: string) => () => db.transaction((tx) => write(tx, workspaceId));
const auditedAction = (workspaceId: string) => () =>
  db.transaction(async (tx) => {
    await write(tx, workspaceId);
    await recordAudit(tx, entry(workspaceId)); // last in the transaction, as the callers do
  });

/** `samples` of each, alternating which goes first, after `warmup` unrecorded ones. */
async function sequential(workspaceId: string) {
  const runs = await alternate(plainAction(workspaceId), auditedAction(workspaceId), {
    samples,
    warmup,
  });
  const [without, withAudit] = [runs.without, runs.withIt];
  const paired = withAudit.map((ms, i) => ms - without[i]!);
  return { without: stats(without), withAudit: stats(withAudit), paired: stats(paired) };
}

/** Rounds of `concurrency` actions at once on one workspace, alternating the kind per round. */
async function concurrent(workspaceId: string) {
  const [plain, audited] = [plainAction(workspaceId), auditedAction(workspaceId)];
  const rounds = Math.ceil(samples / concurrency);
  const without: number[] = [];
  const withAudit: number[] = [];
  const round = (action: () => Promise<unknown>) =>
    Promise.all(Array.from({ length: concurrency }, () => timed(action)));
  for (let i = 0; i < rounds; i++) {
    without.push(...(await round(plain)));
    withAudit.push(...(await round(audited)));
  }
  return { without: stats(without), withAudit: stats(withAudit), entries: rounds * concurrency };
}

const alone = await createWorkspaceRow();
const one = await sequential(alone.id);
const busy = await createWorkspaceRow();
const many = await concurrent(busy.id);

const [aloneReport, busyReport] = [
  await verifyAuditChain(alone.id),
  await verifyAuditChain(busy.id),
];
const expected = { alone: warmup + samples, busy: many.entries };
const intact =
  aloneReport.ok &&
  busyReport.ok &&
  aloneReport.rows === expected.alone &&
  busyReport.rows === expected.busy;

const ms = (value: number) => `${value.toFixed(2)} ms`;
const added = {
  p50: one.withAudit.p50 - one.without.p50,
  p99: one.withAudit.p99 - one.without.p99,
};
const target = `adds < ${TARGET_P99_MS} ms p99`;
const verdict = (p99: number) => (p99 < TARGET_P99_MS ? "PASS" : "FAIL");
const rows = [
  ["One at a time: transaction, insert a row", ms(one.without.p50), ms(one.without.p99), "–", "–"],
  ["… with recordAudit", ms(one.withAudit.p50), ms(one.withAudit.p99), "–", "–"],
  [
    "**recordAudit adds** (difference of percentiles)",
    ms(added.p50),
    ms(added.p99),
    target,
    verdict(added.p99),
  ],
  [
    "Paired differences (each pair of neighbouring runs)",
    ms(one.paired.p50),
    ms(one.paired.p99),
    "–",
    "–",
  ],
  [
    `${concurrency} at a time on one workspace: insert a row`,
    ms(many.without.p50),
    ms(many.without.p99),
    "–",
    "–",
  ],
  [
    "… with recordAudit (entries queue on the chain lock)",
    ms(many.withAudit.p50),
    ms(many.withAudit.p99),
    "–",
    "–",
  ],
  [
    "Chains verify, entries counted",
    `${aloneReport.rows} of ${expected.alone}; ${busyReport.rows} of ${expected.busy}`,
    "",
    "exact, intact",
    intact ? "PASS" : "FAIL",
  ],
];
console.log(
  `\n### Audit write (${database.embedded ? "embedded PGlite" : "PostgreSQL"}; ${samples} samples ` +
    `each, sequential, then ${concurrency} at a time)\n`,
);
console.log("| Measure | p50 | p99 | Target | |");
console.log("|---|---|---|---|---|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);

await closeDatabase();
await database.close();
process.exit(intact ? 0 : 1);
