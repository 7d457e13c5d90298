// A Redis partition while a write invalidates the cache: the writing instance reaches Redis through
// a TCP proxy the test cuts and restores (the real @upstash/redis client and the Upstash REST
// bridge over the local Redis), another instance reaches it directly. The invalidation Redis
// missed must land when it returns, so neither instance serves the stale entry until its ttl.
// Skipped loudly without REDIS_URL, and a failure under REQUIRE_SERVICES=1 (CI).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Cache, createCache } from "@/lib/cache/cached";
import { UpstashStore } from "@/lib/cache/store";
import { createRedis } from "@/lib/redis/client";
import { requireRedisUrl, startTestBridge, type TestBridge } from "../support/redis";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

const redisUrl = requireRedisUrl();

describe.skipIf(!redisUrl)("cache invalidations during a Redis partition", () => {
  let bridge: TestBridge;
  let proxy: TcpProxy;
  let writer: Cache;
  let reader: Cache;

  beforeAll(async () => {
    bridge = await startTestBridge();
    const url = new URL(bridge.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
    const settings = { namespace: `${bridge.prefix}cache`, retryMs: 200 };
    writer = createCache(
      new UpstashStore(createRedis(proxy.via(bridge.url), bridge.token)),
      settings,
    );
    reader = createCache(new UpstashStore(createRedis(bridge.url, bridge.token)), settings);
  });
  afterAll(async () => {
    await proxy?.close();
    await bridge?.stop();
  });

  it("are delivered when Redis is back: fresh reads at once, not after the ttl", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const tag = `board:${randomBytes(6).toString("hex")}`;
    const key = `list:${tag}`;
    let votes = 1;
    const load = async () => ({ votes });
    const options = { ttl: 60, tags: [tag] };
    expect(await writer.cached(key, options, load)).toEqual({ votes: 1 });
    expect(await reader.cached(key, options, load)).toEqual({ votes: 1 });

    await proxy.cut();
    votes = 2; // the vote is written to the database; the invalidation cannot reach Redis
    expect(await writer.invalidate(tag)).toBe(false);
    await proxy.restore();

    // The writer's first read after Redis returns is fresh ...
    expect(await writer.cached(key, options, load)).toEqual({ votes: 2 });
    // ... and so is the other instance's: the retried invalidation has landed.
    expect(await reader.cached(key, options, load)).toEqual({ votes: 2 });
  });

  it("reach other instances within the retry interval even if the writer reads nothing", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const tag = `board:${randomBytes(6).toString("hex")}`;
    const key = `list:${tag}`;
    let votes = 1;
    const load = async () => ({ votes });
    const options = { ttl: 60, tags: [tag] };
    expect(await reader.cached(key, options, load)).toEqual({ votes: 1 });

    await proxy.cut();
    votes = 2;
    expect(await writer.invalidate(tag)).toBe(false);
    await proxy.restore();
    const started = Date.now();
    while ((await reader.cached(key, options, load)).votes !== 2) {
      if (Date.now() - started > 3_000) throw new Error("still stale 3 s after Redis returned");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
