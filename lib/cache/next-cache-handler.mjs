// Next.js's cache handler (next.config.ts `cacheHandler`): Next.js's own file-system and memory
// cache for rendered pages, plus tag revalidation shared by every instance through Redis.
//
// Why: with several `next start` instances behind a load balancer (docs/architecture.md), each
// keeps its own copy of an ISR page (the signed-out board page, app/b/[workspace]/[board]/cached).
// `revalidatePath`/`revalidateTag` after a write only reached the instance that handled the write;
// the others kept serving the old page until its 60 s backstop. Here every revalidation also
// records the time in Redis (`pb:nt:{tag}`), and an instance reading a cached page checks that
// none of the page's tags (its path's implicit tags included) was revalidated after the page was
// rendered; if one was, the page is rendered afresh, exactly as for a local revalidation.
//
// Plain JavaScript: Next.js loads this file at run time, outside the app's TypeScript bundle, so it
// talks to Redis with its own @upstash/redis client (same settings as lib/redis/client.ts).
// Without UPSTASH_REDIS_REST_URL it is Next.js's default handler unchanged (one instance). A Redis
// failure never fails a page: the local copy is served and a warning logged at most once a minute.
// It extends Next.js's default handler (an internal module); tests/integration/next-cache-handler
// fails if a Next.js upgrade changes what it relies on.
import fileSystemCacheModule from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import { Redis } from "@upstash/redis";

const FileSystemCache = fileSystemCacheModule.default ?? fileSystemCacheModule;
const TAG_PREFIX = "pb:nt:";
const TAG_TTL_MS = 30 * 24 * 3600 * 1000; // a tag untouched for 30 days has no page older than it
const TIMEOUT_MS = 250;
const LOG_EVERY_MS = 60_000;
const TAGS_HEADER = "x-next-cache-tags";

/** The shared client, or null without Redis (made once per process, on first use). */
let client;
function redis() {
  if (client !== undefined) return client;
  const url = process.env.UPSTASH_REDIS_REST_URL;
  const token = process.env.UPSTASH_REDIS_REST_TOKEN;
  client =
    url && token
      ? new Redis({
          url,
          token,
          retry: { retries: 0 },
          signal: () => AbortSignal.timeout(TIMEOUT_MS),
          enableTelemetry: false,
          automaticDeserialization: false,
        })
      : null;
  return client;
}

let lastWarning = -Infinity;
function warn(what, error) {
  if (Date.now() - lastWarning < LOG_EVERY_MS) return;
  lastWarning = Date.now();
  console.warn(
    `Next.js cache handler: ${what} (${error instanceof Error ? error.message : error})`,
  );
}

/** The tags a cached entry answers to: a page's own and implicit tags, or a fetch's. */
export function tagsOf(data, ctx) {
  const value = data?.value;
  if (!value) return [];
  if (value.kind === "FETCH") return [...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])];
  const header = value.headers?.[TAGS_HEADER];
  return typeof header === "string" && header ? header.split(",") : [];
}

/** Concurrent reads of the same tags share one Redis round trip. */
const reads = new Map();
function revalidatedAt(tags) {
  const key = tags.join(",");
  let read = reads.get(key);
  if (!read) {
    read = redis()
      .mget(...tags.map((tag) => TAG_PREFIX + tag))
      .then((values) => values.map((value) => Number(value ?? 0) || 0))
      .finally(() => reads.delete(key));
    reads.set(key, read);
  }
  return read;
}

export default class SharedTagsCacheHandler extends FileSystemCache {
  async get(key, ctx) {
    const data = await super.get(key, ctx);
    if (!data || !redis()) return data;
    const tags = tagsOf(data, ctx);
    if (tags.length === 0) return data;
    try {
      const times = await revalidatedAt(tags);
      const renderedAt = data.lastModified ?? 0;
      return times.some((time) => time > renderedAt) ? null : data;
    } catch (error) {
      warn("Redis unavailable, serving this instance's copy", error);
      return data;
    }
  }

  // `durations` (revalidateTag with a cache-life profile) lets this instance serve the old page
  // while it renders anew; the other instances treat every recorded revalidation as expired and
  // render before answering, the stricter reading. The app's writes expire at once anyway.
  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    const list = typeof tags === "string" ? [tags] : tags;
    if (list.length === 0 || !redis()) return;
    const now = String(Date.now());
    try {
      const pipeline = redis().pipeline();
      for (const tag of list) pipeline.set(TAG_PREFIX + tag, now, { px: TAG_TTL_MS });
      await pipeline.exec();
    } catch (error) {
      warn("Redis unavailable, revalidation reached this instance only", error);
    }
  }
}
