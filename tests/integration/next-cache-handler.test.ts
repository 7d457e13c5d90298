// Next.js's cache handler (lib/cache/next-cache-handler.mjs) on a real Redis through the Upstash
// REST bridge: a page revalidated by one instance is not served from another instance's cache.
// The other instance is stood for by writing the revalidation to Redis as its handler would;
// the end-to-end version with two `next start` processes is e2e/instances.spec.ts.
// Skipped loudly without REDIS_URL, and a failure under REQUIRE_SERVICES=1 (CI).
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis as IORedis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type SharedTagsCacheHandlerType from "@/lib/cache/next-cache-handler.mjs";
import { tagsOf } from "@/lib/cache/next-cache-handler.mjs";
import {
  deleteRedisKeys,
  requireRedisUrl,
  startTestBridge,
  type TestBridge,
} from "../support/redis";

const redisUrl = requireRedisUrl();
const run = randomBytes(6).toString("hex");
const pagePath = `/b/test-${run}/board/cached`;
const pageTags = ["_N_T_/layout", `_N_T_/b/test-${run}/board/cached`];

/** A rendered ISR page, as Next.js hands it to the handler. */
function page(html: string) {
  return {
    kind: "APP_PAGE",
    html,
    rscData: Buffer.from("rsc"),
    headers: { "x-next-cache-tags": pageTags.join(",") },
    status: 200,
    postponed: undefined,
    segmentData: undefined,
  };
}

describe("tagsOf", () => {
  it("reads a page's tags from its header and a fetch's from the context", () => {
    expect(
      tagsOf({ value: { kind: "APP_PAGE", headers: { "x-next-cache-tags": "a,b" } } }),
    ).toEqual(["a", "b"]);
    expect(tagsOf({ value: { kind: "APP_PAGE", headers: {} } })).toEqual([]);
    expect(
      tagsOf({ value: { kind: "FETCH" } }, { kind: "FETCH", tags: ["t"], softTags: ["s"] }),
    ).toEqual(["t", "s"]);
    expect(tagsOf(null)).toEqual([]);
  });
});

describe.skipIf(!redisUrl)("Next.js cache handler, tags shared through Redis", () => {
  let bridge: TestBridge;
  let handler: SharedTagsCacheHandlerType;
  let raw: IORedis;
  const read = () => handler.get(pagePath, { kind: "APP_PAGE", isRoutePPREnabled: false });

  beforeAll(async () => {
    bridge = await startTestBridge();
    process.env.UPSTASH_REDIS_REST_URL = bridge.url;
    process.env.UPSTASH_REDIS_REST_TOKEN = bridge.token;
    const { default: SharedTagsCacheHandler } = await import("@/lib/cache/next-cache-handler.mjs");
    handler = new SharedTagsCacheHandler({
      flushToDisk: false,
      serverDistDir: mkdtempSync(path.join(tmpdir(), "pb-next-cache-")),
      maxMemoryCacheSize: 10 * 1024 * 1024,
      revalidatedTags: [],
    });
    raw = new IORedis(redisUrl!);
  });
  afterAll(async () => {
    await deleteRedisKeys(redisUrl!, `pb:nt:_N_T_/b/test-${run}/`);
    raw?.disconnect();
    await bridge?.stop();
  });

  it("serves the cached page until another instance revalidates its path, then renders afresh", async () => {
    await handler.set(pagePath, page("<p>first</p>"), { cacheControl: { revalidate: 60 } });
    expect((await read())?.value).toMatchObject({ html: "<p>first</p>" });

    // Another instance's revalidatePath(pagePath), as its handler records it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await raw.set(`pb:nt:_N_T_/b/test-${run}/board/cached`, String(Date.now()));
    expect(await read()).toBeNull();

    // The re-render is stored and served again: it is newer than the revalidation.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await handler.set(pagePath, page("<p>second</p>"), { cacheControl: { revalidate: 60 } });
    expect((await read())?.value).toMatchObject({ html: "<p>second</p>" });
  });

  it("records this instance's revalidations where the others read them", async () => {
    const before = Date.now();
    await handler.revalidateTag(`_N_T_/b/test-${run}/other`);
    const recorded = Number(await raw.get(`pb:nt:_N_T_/b/test-${run}/other`));
    expect(recorded).toBeGreaterThanOrEqual(before);
    expect(await raw.pttl(`pb:nt:_N_T_/b/test-${run}/other`)).toBeGreaterThan(0);
  });

  it("serves this instance's copy while Redis is away, and never fails a revalidation", async () => {
    const otherPath = `${pagePath}-away`;
    await handler.set(otherPath, page("<p>kept</p>"), { cacheControl: { revalidate: 60 } });
    await bridge.stop();
    const kept = await handler.get(otherPath, { kind: "APP_PAGE", isRoutePPREnabled: false });
    expect(kept?.value).toMatchObject({ html: "<p>kept</p>" });
    await expect(handler.revalidateTag(`_N_T_/b/test-${run}/away`)).resolves.toBeUndefined();
  });
});
