/**
 * Shared by the in-process benchmarks (queue, billing, audit): latency statistics, and the
 * environment an app module needs before it is first imported.
 */
import { performance } from "node:perf_hooks";

export interface Stats {
  p50: number;
  p99: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function stats(latencies: number[]): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
 * Point the app at a benchmark database, as production would run it (no worker: the benchmark
 * drives the queue itself). Call before importing anything from lib/.
 */
export function pointAppAtBenchDatabase(database: { url: string; embedded: boolean }) {
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_EMBEDDED = database.embedded ? "1" : "0";
  Object.assign(process.env, { NODE_ENV: "production" });
  process.env.BETTER_AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0000";
  process.env.JOBS_WORKER = "off";
}

/**
 * `samples` runs of each, after `warmup` unrecorded pairs, alternating which goes first so drift
 * on a busy machine falls on both sides. Returns the raw latencies (same index = neighbours).
 */
export async function alternate(
  without: () => Promise<unknown>,
  withIt: () => Promise<unknown>,
  { samples, warmup }: { samples: number; warmup: number },
): Promise<{ without: number[]; withIt: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await without();
    await withIt();
  }
  const plain: number[] = [];
  const checked: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i % 2 === 0) {
      plain.push(await timed(without));
      checked.push(await timed(withIt));
    } else {
      checked.push(await timed(withIt));
      plain.push(await timed(without));
    }
  }
  return { without: plain, withIt: checked };
}
