// The cache (lib/cache) on a real Redis through the Upstash REST bridge and the real @upstash/redis
// client: two cache objects with two separate clients stand for two app instances sharing Redis.
// Skipped loudly without REDIS_URL, and a failure under REQUIRE_SERVICES=1 (CI).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Cache, createCache } from "@/lib/cache/cached";
import { UpstashStore } from "@/lib/cache/store";
import { createRedis } from "@/lib/redis/client";
import { startUpstashBridge } from "@/scripts/lib/upstash-bridge";
import { requireRedisUrl, startTestBridge, type TestBridge } from "../support/redis";

const redisUrl = requireRedisUrl();

describe.skipIf(!redisUrl)("cache on Redis, shared by two instances", () => {
  let bridge: TestBridge;
  let one: Cache;
  let two: Cache;
  const unique = (name: string) => `${name}:${randomBytes(6).toString("hex")}`;

  beforeAll(async () => {
    bridge = await startTestBridge();
    // The namespace starts with the test prefix, so bridge.stop() deletes every key made here.
    const instance = () =>
      createCache(new UpstashStore(createRedis(bridge.url, bridge.token)), {
        namespace: `${bridge.prefix}cache`,
      });
    one = instance();
    two = instance();
  });
  afterAll(async () => {
    await bridge?.stop();
  });

  it("a value cached by one instance is a hit for the other, intact", async () => {
    const key = unique("board");
    const value = { title: 'Ünïcødé ✓ "quoted" | piped', count: 3, tags: ["a"], none: null };
    expect(await one.cached(key, { ttl: 60 }, async () => value)).toEqual(value);
    const load = vi.fn(async () => ({ title: "reloaded" }));
    expect(await two.cached(key, { ttl: 60 }, load)).toEqual(value);
    expect(load).not.toHaveBeenCalled();
  });

  it("an invalidation on one instance is seen by the other; other tags stay cached", async () => {
    const [key, tag] = [unique("list"), unique("board")];
    const [other, otherTags] = [unique("other"), [unique("board")]];
    await one.cached(key, { ttl: 60, tags: [tag] }, async () => "before");
    await one.cached(other, { ttl: 60, tags: otherTags }, async () => "untouched");
    expect(await two.invalidate(tag)).toBe(true);
    expect(await one.cached(key, { ttl: 60, tags: [tag] }, async () => "after")).toBe("after");
    expect(await two.cached(key, { ttl: 60, tags: [tag] }, async () => "again")).toBe("after");
    const reload = async () => "reloaded";
    expect(await two.cached(other, { ttl: 60, tags: otherTags }, reload)).toBe("untouched");
  });

  it("100 concurrent misses split across the two instances run the loader once", async () => {
    // Each instance coalesces its 50 calls onto one promise; the two then race for the Redis lock
    // (SET NX PX). The loser polls for the winner's value, and the winner re-checks the entry
    // after taking the lock, so even a loser whose lookup predates the whole fill loads nothing.
    const key = unique("hot");
    const tags = [unique("board")];
    const load = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { problems: 42 };
    });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? one : two).cached(key, { ttl: 60, tags }, load),
      ),
    );
    expect(load).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.problems === 42)).toBe(true);
  });

  it("serves another instance the stale value while one instance holds the lock", async () => {
    const key = unique("slow");
    await one.cached(key, { ttl: 0.2, stale: 60 }, async () => "old");
    await new Promise((resolve) => setTimeout(resolve, 250));
    let release!: (value: string) => void;
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    const reloading = one.cached(key, { ttl: 60 }, () => {
      started();
      return new Promise<string>((resolve) => (release = resolve));
    });
    await begun;
    expect(await two.cached(key, { ttl: 60 }, async () => "two loaded")).toBe("old");
    release("new");
    expect(await reloading).toBe("new");
    expect(await two.cached(key, { ttl: 60 }, async () => "two loaded")).toBe("new");
  });

  it("when Redis is unreachable, reads answer through the loader and invalidate reports it", async () => {
    const token = randomBytes(16).toString("hex");
    const doomed = await startUpstashBridge({ redisUrl: redisUrl!, port: 0, token });
    const cache = createCache(new UpstashStore(createRedis(doomed.url, token)), {
      namespace: `${bridge.prefix}cache`,
    });
    expect(await cache.cached(unique("k"), { ttl: 60 }, async () => "cached")).toBe("cached");
    await doomed.stop();

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const key = unique("k");
      const load = vi.fn(async () => "from the database");
      const started = Date.now();
      expect(await cache.cached(key, { ttl: 60 }, load)).toBe("from the database");
      expect(await cache.cached(key, { ttl: 60 }, load)).toBe("from the database");
      expect(load).toHaveBeenCalledTimes(2);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await cache.invalidate(unique("board"))).toBe(false);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });

  it("the bridge counts round trips, commands and cache hits, as the benchmark reports them", async () => {
    const namespace = `${bridge.prefix}counted`;
    const counted = await startUpstashBridge({ redisUrl: redisUrl!, cacheNamespace: namespace });
    try {
      const cache = createCache(new UpstashStore(createRedis(counted.url, counted.token)), {
        namespace,
      });
      const [key, tag] = [unique("list"), unique("board")];
      const read = (value: string) =>
        cache.cached(key, { ttl: 60, tags: [tag] }, async () => value);
      expect(await read("first")).toBe("first"); // miss: loads and stores
      counted.resetStats();
      expect(counted.stats()).toEqual({
        requests: 0,
        commands: 0,
        cacheLookups: 0,
        cacheHits: 0,
        cacheStale: 0,
      });
      expect(await read("second")).toBe("first"); // hit: one MGET, one round trip
      expect(counted.stats()).toEqual({
        requests: 1,
        commands: 1,
        cacheLookups: 1,
        cacheHits: 1,
        cacheStale: 0,
      });
      await cache.invalidate(tag);
      expect(await read("third")).toBe("third"); // miss after the invalidation
      const after = counted.stats();
      expect([after.cacheLookups, after.cacheHits]).toEqual([2, 1]);
      expect(after.commands).toBeGreaterThan(2);
      expect(after.requests).toBeGreaterThan(1);
      expect(after.requests).toBeLessThanOrEqual(after.commands);
    } finally {
      await counted.stop();
    }
  });
});
