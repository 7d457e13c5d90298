// Redis for tests: the real @upstash/redis / @upstash/ratelimit clients against a local Redis,
// through the Upstash REST bridge (scripts/lib/upstash-bridge.ts). Without REDIS_URL the Redis
// suites skip loudly; with REQUIRE_SERVICES=1 (CI) a missing REDIS_URL is an error instead.
import { randomBytes } from "node:crypto";
import { Redis as IORedis } from "ioredis";
import { startUpstashBridge } from "@/scripts/lib/upstash-bridge";

/** Unique per test file (each file gets its own module instance), so parallel files never collide. */
export const redisTestPrefix = `pbtest:${randomBytes(6).toString("hex")}:`;

let warned = false;

/** REDIS_URL, or null (after one loud warning) so the caller can `describe.skipIf(!url)`. */
export function requireRedisUrl(): string | null {
  const url = process.env.REDIS_URL;
  if (url) return url;
  if (process.env.REQUIRE_SERVICES === "1") {
    throw new Error(
      "REQUIRE_SERVICES=1 but REDIS_URL is not set: Redis is required (e.g. redis://127.0.0.1:6379).",
    );
  }
  if (!warned) {
    warned = true;
    console.warn("SKIPPED: Redis tests need REDIS_URL (e.g. redis://127.0.0.1:6379)");
  }
  return null;
}

export interface TestBridge {
  url: string;
  token: string;
  /** Prefix every key (and Ratelimit prefix) a test creates with this; stop() deletes them. */
  prefix: string;
  /** Delete every key under `prefix`, then stop the bridge. */
  stop(): Promise<void>;
}

/** Delete every key starting with `prefix` (SCAN + UNLINK); returns how many were removed. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let removed = 0;
  try {
    const match = `${prefix.replace(/[*?[\]\\]/g, "\\$&")}*`;
    for await (const keys of redis.scanStream({ match, count: 500 })) {
      const batch = keys as string[];
      if (batch.length > 0) removed += await redis.unlink(...batch);
    }
  } finally {
    await redis.quit();
  }
  return removed;
}

/** A bridge on a free port with a random token, in front of REDIS_URL. */
export async function startTestBridge(): Promise<TestBridge> {
  const redisUrl = requireRedisUrl();
  if (!redisUrl) {
    throw new Error("startTestBridge() needs REDIS_URL: guard the suite with requireRedisUrl()");
  }
  const bridge = await startUpstashBridge({
    redisUrl,
    port: 0,
    token: randomBytes(24).toString("hex"),
  });
  return {
    url: bridge.url,
    token: bridge.token,
    prefix: redisTestPrefix,
    async stop() {
      try {
        await deleteRedisKeys(redisUrl, redisTestPrefix);
      } finally {
        await bridge.stop();
      }
    },
  };
}
