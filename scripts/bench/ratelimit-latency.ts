/**
 * `npm run bench:ratelimit` – what one rate-limit check costs: 2,000 sequential checks through
 * @upstash/ratelimit → the Upstash REST bridge → the local Redis (REDIS_URL), after 200 warm-up
 * checks, reported as p50/p99 in ms. The target is under 2 ms p50 and 5 ms p99.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { startUpstashBridge } from "../lib/upstash-bridge";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const bridge = await startUpstashBridge({ redisUrl });
process.env.UPSTASH_REDIS_REST_URL = bridge.url;
process.env.UPSTASH_REDIS_REST_TOKEN = bridge.token;
const { createRateLimiter } = await import("@/lib/ratelimit/rate-limiter");
const { createRedis } = await import("@/lib/redis/client");
const check = createRateLimiter(createRedis(bridge.url, bridge.token), 100_000);

const run = randomBytes(4).toString("hex");
const samples: number[] = [];
try {
  for (let i = 0; i < 2_200; i++) {
    const started = performance.now();
    const result = await check("public:write:user", `bench-${run}-${i % 50}`);
    const elapsed = performance.now() - started;
    if (result.unavailable) throw new Error("Redis did not answer");
    if (i >= 200) samples.push(elapsed);
  }
} finally {
  await bridge.stop();
}
samples.sort((a, b) => a - b);
const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
const p50 = at(0.5);
const p99 = at(0.99);
console.log(
  `rate-limit check (${samples.length} samples): p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms — ` +
    `${p50 < 2 && p99 < 5 ? "PASS" : "FAIL"} (target p50 < 2 ms, p99 < 5 ms)`,
);
