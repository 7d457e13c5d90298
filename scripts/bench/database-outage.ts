/**
 * `npm run bench:outage` – request latency during a database outage, in process: the app's
 * database connection goes through a TCP proxy (tests/support/tcp-proxy.ts) in front of a fresh
 * database on DATABASE_URL's PostgreSQL server; `concurrency` loops request the public problem
 * list route handler (a database read per request: each asks a new search) for `before` seconds,
 * then the proxy is cut for `outage` seconds (PostgreSQL "stopped"), then restored; and once more
 * with the proxy frozen instead (PostgreSQL "hung"). Reports each phase's answers and latency,
 * and the time from the database's return to the first success.
 *
 *   npm run bench:outage -- [--outage 10] [--before 3] [--concurrency 8]
 *
 * Targets (issue 15): failing requests p99 < 2.5 s; first success < 3 s after the return.
 * Needs PostgreSQL (DATABASE_URL): the embedded PGlite shares one connection for the whole
 * process and has no 2 s deadline. Exit code 1 if a target is missed or a request failed with
 * anything but 503.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createTestDatabase } from "../../tests/support/database";
import { startTcpProxy } from "../../tests/support/tcp-proxy";
import { percentile, pointAppAtBenchDatabase } from "./lib/in-process";

const { values } = parseArgs({
  options: {
    outage: { type: "string", default: "10" },
    before: { type: "string", default: "3" },
    concurrency: { type: "string", default: "8" },
  },
});
const outageMs = Number(values.outage) * 1000;
const beforeMs = Number(values.before) * 1000;
const concurrency = Number(values.concurrency);

if (!process.env.DATABASE_URL) {
  console.error(
    "bench:outage needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).",
  );
  process.exit(2);
}

const database = await createTestDatabase();
const target = new URL(database.url);
const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
pointAppAtBenchDatabase({ url: proxy.via(database.url), embedded: false });
process.env.LOG_LEVEL = "silent";

const { GET: listRoute } =
  await import("@/app/api/public/boards/[workspace]/[board]/problems/route");
const { closeDatabase } = await import("@/lib/db");
const { createBoardRow, createProblemRow, createTeam } =
  await import("../../tests/support/factories");

const team = await createTeam();
const board = await createBoardRow(team.workspace.id);
for (let i = 0; i < 20; i++)
  await createProblemRow(board, team.owner.id, { title: `Problem ${i}` });

let n = 0;
async function request(): Promise<{ status: number; ms: number }> {
  const { slug } = team.workspace;
  const url = `http://localhost/api/public/boards/${slug}/${board.slug}/problems?q=p${++n}`;
  const started = performance.now();
  const response = await listRoute(new Request(url), {
    params: Promise.resolve({ workspace: slug, board: board.slug }),
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

interface Phase {
  name: string;
  statuses: Map<number, number>;
  latencies: number[];
}

async function load(name: string, forMs: number): Promise<Phase> {
  const phase: Phase = { name, statuses: new Map(), latencies: [] };
  const until = performance.now() + forMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const { status, ms } = await request();
        phase.statuses.set(status, (phase.statuses.get(status) ?? 0) + 1);
        phase.latencies.push(ms);
      }
    }),
  );
  return phase;
}

async function timeToFirstSuccess(): Promise<number> {
  const started = performance.now();
  while ((await request()).status !== 200) {
    if (performance.now() - started > 30_000) return Infinity;
  }
  return performance.now() - started;
}

const phases: Phase[] = [];
const recoveries: [string, number][] = [];
phases.push(await load("healthy", beforeMs));
await proxy.cut();
phases.push(await load(`stopped ${outageMs / 1000} s`, outageMs));
await proxy.restore();
recoveries.push(["stopped", await timeToFirstSuccess()]);
phases.push(await load("after return", beforeMs));
proxy.freeze();
phases.push(await load(`frozen ${outageMs / 1000} s`, outageMs));
await proxy.restore();
recoveries.push(["frozen", await timeToFirstSuccess()]);

const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : "never");
console.log("| Phase | Requests | Answers | p50 | p99 | max |");
console.log("| --- | --- | --- | --- | --- | --- |");
let failed = false;
for (const phase of phases) {
  const sorted = [...phase.latencies].sort((a, b) => a - b);
  const answers = [...phase.statuses].map(([s, c]) => `${c}× ${s}`).join(", ");
  console.log(
    `| ${phase.name} | ${sorted.length} | ${answers} | ${ms(percentile(sorted, 50))} | ` +
      `${ms(percentile(sorted, 99))} | ${ms(sorted.at(-1) ?? 0)} |`,
  );
  const outagePhase = phase.name.startsWith("stopped") || phase.name.startsWith("frozen");
  if (outagePhase && percentile(sorted, 99) >= 2_500) failed = true;
  if ([...phase.statuses.keys()].some((s) => s !== 200 && s !== 503)) failed = true;
}
for (const [what, took] of recoveries) {
  console.log(`\nFirst success after the ${what} database returned: ${ms(took)} (target < 3 s)`);
  if (!(took < 3_000)) failed = true;
}

await closeDatabase();
await proxy.close();
await database.close();
process.exit(failed ? 1 : 0);
