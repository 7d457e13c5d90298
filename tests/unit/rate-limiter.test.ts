import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { MemoryLimiter } from "@/lib/ratelimit/memory-limiter";
import { POLICIES } from "@/lib/ratelimit/policies";
import { createRateLimiter, limitKey, rateLimitHeaders } from "@/lib/ratelimit/rate-limiter";
import { createRedis, REDIS_TIMEOUT_MS, redisDeadline } from "@/lib/redis/client";

describe("in-process limiter", () => {
  it("allows the limit per window, then refuses until the window slides on", () => {
    const limiter = new MemoryLimiter();
    const t0 = 1_000_000;
    const results = Array.from({ length: 4 }, () => limiter.limit("k", 3, 10_000, t0).success);
    expect(results).toEqual([true, true, true, false]);
    expect(limiter.limit("other", 3, 10_000, t0).success).toBe(true);
    // Halfway through the next window, half of the previous window still counts.
    expect(limiter.limit("k", 3, 10_000, t0 + 15_000).success).toBe(true);
    expect(limiter.limit("k", 3, 10_000, t0 + 15_000).success).toBe(true);
    expect(limiter.limit("k", 3, 10_000, t0 + 15_000).success).toBe(false);
    expect(limiter.limit("k", 3, 10_000, t0 + 40_000).success).toBe(true);
  });
});

describe("rate limiter without Redis", () => {
  it("limits each identity separately and reports standard headers", async () => {
    const check = createRateLimiter(null);
    const { limit } = POLICIES["auth:sign-up:ip"];
    const results = [];
    for (let i = 0; i <= limit; i++) results.push(await check("auth:sign-up:ip", "203.0.113.1"));
    expect(results.slice(0, limit).every((r) => r.success)).toBe(true);
    const refused = results.at(-1)!;
    expect(refused).toMatchObject({ success: false, remaining: 0, unavailable: false });
    expect(rateLimitHeaders(refused)).toMatchObject({
      "RateLimit-Limit": String(limit),
      "RateLimit-Remaining": "0",
      "Retry-After": expect.stringMatching(/^\d+$/),
    });
    expect((await check("auth:sign-up:ip", "203.0.113.2")).success).toBe(true);
  });

  it("normalises identities so case and length can't mint new buckets", () => {
    expect(limitKey("  Ada@Example.com ")).toBe("ada@example.com");
    expect(limitKey("x".repeat(500))).toHaveLength(64);
  });
});

describe("rate limiter when Redis does not answer", () => {
  it("fails closed for account protection and open (in process) for ordinary writes", async () => {
    const check = createRateLimiter(createRedis("http://127.0.0.1:9", "token"));
    const signIn = await check("auth:sign-in:ip", "203.0.113.9");
    expect(signIn).toMatchObject({ success: false, unavailable: true });
    expect(rateLimitHeaders(signIn)["Retry-After"]).toBe("30");

    const { limit } = POLICIES["public:write:user"];
    const writes = [];
    for (let i = 0; i <= limit; i++) writes.push(await check("public:write:user", "usr_1"));
    expect(writes.slice(0, limit).every((r) => r.success && !r.unavailable)).toBe(true);
    expect(writes.at(-1)?.success).toBe(false);
  });
});

describe("Redis calls are bounded", () => {
  it("gives up on a Redis that accepts the connection but never answers", async () => {
    const silent = http.createServer(() => {}); // reads the request, never replies
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      await expect(createRedis(`http://127.0.0.1:${port}`, "token").get("k")).rejects.toThrow();
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(REDIS_TIMEOUT_MS - 5);
      expect(waited).toBeLessThan(REDIS_TIMEOUT_MS + 1_000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("shares one deadline between calls started in the same 25 ms, never an expired one", () => {
    const now = performance.now() + 60_000;
    const first = redisDeadline(now);
    expect(redisDeadline(now + 24)).toBe(first);
    const next = redisDeadline(now + 25);
    expect(next).not.toBe(first);
    expect(redisDeadline(now + 10)).not.toBe(next); // started before that slot: a fresh deadline
    expect(redisDeadline(now + 10).aborted).toBe(false);
  });
});

describe("API rate limits by plan", () => {
  it("follow the plan catalog: none on Free, 60 a minute on Pro", async () => {
    const { checkApiRateLimit } = await import("@/lib/ratelimit/rate-limiter");
    // Unique per run: with Redis configured, counts outlive a test run.
    const run = Math.random().toString(36).slice(2);
    expect(await checkApiRateLimit(`key_free_${run}`, "free")).toMatchObject({
      success: false,
      limit: 0,
    });
    const results = [];
    for (let i = 0; i <= 60; i++) results.push(await checkApiRateLimit(`key_pro_${run}`, "pro"));
    expect(results.slice(0, 60).every((r) => r.success && r.limit === 60)).toBe(true);
    expect(results.at(-1)?.success).toBe(false);
    expect((await checkApiRateLimit(`key_team_${run}`, "team")).limit).toBe(600);
  });
});
