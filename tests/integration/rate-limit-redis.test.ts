import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POLICIES } from "@/lib/ratelimit/policies";
import { createRateLimiter } from "@/lib/ratelimit/rate-limiter";
import { createRedis } from "@/lib/redis/client";
import { startUpstashBridge } from "@/scripts/lib/upstash-bridge";
import { requireRedisUrl, startTestBridge } from "../support/redis";

// Only meaningful against a real Redis (through the Upstash REST bridge): skipped loudly without
// REDIS_URL, and a failure under REQUIRE_SERVICES=1 (CI).
const redisUrl = requireRedisUrl();

describe.skipIf(!redisUrl)("rate limits on Redis", () => {
  it("two app instances sharing one Redis enforce one combined limit", async () => {
    const bridge = await startTestBridge();
    try {
      const first = createRateLimiter(createRedis(bridge.url, bridge.token), 1);
      const second = createRateLimiter(createRedis(bridge.url, bridge.token), 1);
      const identity = `combined-${randomBytes(6).toString("hex")}`;
      const { limit } = POLICIES["auth:sign-up:ip"];
      let allowed = 0;
      for (let i = 0; i < limit * 2; i++) {
        const check = i % 2 === 0 ? first : second;
        if ((await check("auth:sign-up:ip", identity)).success) allowed += 1;
      }
      expect(allowed).toBe(limit);
    } finally {
      await bridge.stop();
    }
  });

  it("while Redis is away, account limits refuse and writes go on; when it returns, limits resume", async () => {
    const token = randomBytes(16).toString("hex");
    const first = await startUpstashBridge({ redisUrl: redisUrl!, port: 0, token });
    const port = Number(new URL(first.url).port);
    const check = createRateLimiter(createRedis(first.url, token), 1);
    const identity = `outage-${randomBytes(6).toString("hex")}`;
    expect(await check("auth:sign-in:ip", identity)).toMatchObject({
      success: true,
      unavailable: false,
    });

    await first.stop();
    expect(await check("auth:sign-in:ip", identity)).toMatchObject({
      success: false,
      unavailable: true,
    });
    expect(await check("public:write:user", identity)).toMatchObject({
      success: true,
      unavailable: false,
    });

    const again = await startUpstashBridge({ redisUrl: redisUrl!, port, token });
    try {
      const back = await check("auth:sign-in:ip", identity);
      expect(back).toMatchObject({ success: true, unavailable: false });
      // The count kept in Redis survived the outage: this is the second attempt it saw.
      expect(back.remaining).toBe(POLICIES["auth:sign-in:ip"].limit - 2);
    } finally {
      await again.stop();
    }
  });
});
