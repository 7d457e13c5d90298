/**
 * `npm run bench:ratelimit` – what one rate-limit check adds to a request: sequential checks
 * through @upstash/ratelimit → the Upstash REST bridge → the local Redis (REDIS_URL), reported as
 * p50/p90/p99/p99.9 in ms. The target is under 2 ms p50 and 5 ms p99.
 *
 * The bridge runs in its own process (`npm run redis:bridge` on a free port), as Upstash is its
 * own service in production: its work and garbage collection do not land on this process's event
 * loop. 1,000 checks warm up the connection and the JIT, then 5,000 are measured. For scale, the
 * same client's bare round trip (PING) is measured the same way: the difference is the script.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";

const WARMUP = 1_000;
const SAMPLES = 5_000;

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const token = randomBytes(16).toString("hex");

/** Start the bridge as a child process; resolves with its URL once it prints it. */
function startBridge(): Promise<{ url: string; stop: () => void }> {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["scripts/redis-bridge.ts"], {
    env: { ...process.env, REDIS_URL: redisUrl, PORT: "0", UPSTASH_REDIS_REST_TOKEN: token },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const stop = () => void child.kill("SIGTERM");
  process.once("exit", stop);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error("the bridge did not start in 20 s")), 20_000);
    lines.on("line", (line) => {
      const match = /^Upstash REST bridge on (\S+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: match[1]!, stop });
    });
    child.once("exit", (code) => reject(new Error(`the bridge exited with code ${code}`)));
  });
}

async function measure(run: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const started = performance.now();
    await run(i);
    const elapsed = performance.now() - started;
    if (i >= WARMUP) samples.push(elapsed);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999) };
}

const bridge = await startBridge();
try {
  process.env.UPSTASH_REDIS_REST_URL = bridge.url;
  process.env.UPSTASH_REDIS_REST_TOKEN = token;
  const { createRateLimiter } = await import("@/lib/ratelimit/rate-limiter");
  const { createRedis } = await import("@/lib/redis/client");
  const redis = createRedis(bridge.url, token);
  const check = createRateLimiter(redis, 100_000);
  const run = randomBytes(4).toString("hex");

  const ping = await measure(() => redis.ping());
  const limit = await measure(async (i) => {
    const result = await check("public:write:user", `bench-${run}-${i % 50}`);
    if (result.unavailable) throw new Error("Redis did not answer");
  });
  const ms = (n: number) => n.toFixed(2);
  const line = (name: string, r: typeof limit) =>
    `${name}: p50 ${ms(r.p50)} ms, p90 ${ms(r.p90)} ms, p99 ${ms(r.p99)} ms, p99.9 ${ms(r.p999)} ms`;
  console.log(`Sequential calls from one client, ${SAMPLES} measured after ${WARMUP} warm-up:`);
  console.log(line("  round trip (PING)", ping));
  console.log(line("  rate-limit check ", limit));
  const pass = limit.p50 < 2 && limit.p99 < 5;
  console.log(
    `rate-limit check: ${pass ? "PASS" : "FAIL"} (target p50 < 2 ms, p99 < 5 ms; ` +
      `measured p50 ${ms(limit.p50)} ms, p99 ${ms(limit.p99)} ms)`,
  );
} finally {
  bridge.stop();
}
