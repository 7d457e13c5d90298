/**
 * `npm run bench:queue` (also run at the end of `npm run bench`) – the job queue and email
 * pipeline, in process, against a fresh database (DATABASE_URL's server, else embedded PGlite)
 * and the local Resend stand-in:
 *
 *   1. enqueue cost inside a request: sendEmail (outbox row + job in one transaction), one at a
 *      time, p50/p99 over 2,000 calls – target p99 < 3 ms;
 *   2. drain rate: one worker sending 10,000 queued emails through the real `resend` SDK to the
 *      stand-in – target ≥ 200 emails/s – with the process's memory sampled while it drains.
 *
 * Prints a markdown table; exit code 1 if an email was lost or sent twice.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { startResendStandIn } from "../lib/resend-stand-in";
import { createTestDatabase } from "../../tests/support/database";
import { percentile, pointAppAtBenchDatabase } from "./lib/in-process";

const { values } = parseArgs({
  options: {
    enqueue: { type: "string", default: "2000" },
    drain: { type: "string", default: "10000" },
  },
});
const enqueueCount = Number(values.enqueue);
const drainCount = Number(values.drain);

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const database = await createTestDatabase();
const resend = await startResendStandIn({ keepBodies: false });
pointAppAtBenchDatabase(database);
process.env.RESEND_API_KEY = "re_bench";
process.env.RESEND_BASE_URL = resend.url;

const { sendEmail } = await import("@/lib/email/send-email");
const { drainJobs } = await import("@/lib/jobs/worker");
const { closeDatabase } = await import("@/lib/db");

const props = { url: "http://127.0.0.1:3000/api/auth/magic-link/verify?token=bench" };

// Warm up connections and code paths.
for (let i = 0; i < 50; i++) await sendEmail("magic-link", `warm${i}@bench.test`, props);
await drainJobs();
resend.sent.length = 0;
resend.requests.length = 0;

const latencies: number[] = [];
for (let i = 0; i < enqueueCount; i++) {
  const started = performance.now();
  await sendEmail("magic-link", `reader${i % 500}@bench.test`, props);
  latencies.push(performance.now() - started);
}
latencies.sort((a, b) => a - b);
const enqueueP50 = percentile(latencies, 50);
const enqueueP99 = percentile(latencies, 99);

// Queue the rest of the drain set quickly (these writes are not measured).
const remaining = drainCount - enqueueCount;
for (let i = 0; i < remaining; i += 100) {
  await Promise.all(
    Array.from({ length: Math.min(100, remaining - i) }, (_, j) =>
      sendEmail("magic-link", `bulk${(i + j) % 2000}@bench.test`, props),
    ),
  );
}

const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
let heapPeak = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  rssPeak = Math.max(rssPeak, usage.rss);
  heapPeak = Math.max(heapPeak, usage.heapUsed);
}, 100);
const drainStarted = performance.now();
const result = await drainJobs({ concurrency: 25 });
const drainSeconds = (performance.now() - drainStarted) / 1000;
clearInterval(sampler);
const rate = resend.sent.length / drainSeconds;

const lost = drainCount - resend.sent.length;
const duplicates = resend.sent.length - new Set(resend.sent.map((e) => e.idempotencyKey)).size;

const rows = [
  ["Enqueue (sendEmail) p50", `${enqueueP50.toFixed(2)} ms`, "–", "–"],
  [
    "Enqueue (sendEmail) p99",
    `${enqueueP99.toFixed(2)} ms`,
    "< 3 ms",
    enqueueP99 < 3 ? "PASS" : "FAIL",
  ],
  [
    `Drain ${drainCount} emails, one worker`,
    `${rate.toFixed(0)} emails/s (${drainSeconds.toFixed(1)} s)`,
    "≥ 200/s",
    rate >= 200 ? "PASS" : "FAIL",
  ],
  [
    "Memory while draining",
    `RSS ${mb(rssBefore)} → peak ${mb(rssPeak)} MB; heap peak ${mb(heapPeak)} MB`,
    "–",
    "–",
  ],
  [
    "Lost / sent twice",
    `${lost} / ${duplicates}`,
    "0 / 0",
    lost === 0 && duplicates === 0 ? "PASS" : "FAIL",
  ],
];
console.log(
  `\n### Job queue and email (${database.embedded ? "embedded PGlite" : "PostgreSQL"}, Resend stand-in)\n`,
);
console.log("| Measure | Result | Target | |");
console.log("|---|---|---|---|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log(`\nWorker outcome: ${JSON.stringify(result)}`);

await closeDatabase();
await resend.close();
await database.close();
process.exit(lost === 0 && duplicates === 0 ? 0 : 1);
