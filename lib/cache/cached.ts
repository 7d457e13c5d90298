/**
 * Read-through cache: `cached(key, { ttl, tags }, load)` and `invalidate(...tags)`.
 *
 * Keys (namespace `pb` in the app):
 *   `${ns}:t:${tag}`                   tag token: random, replaced by invalidate(tag)
 *   `${ns}:v${version}:e:${key}`        entry: `${freshUntilMs}|${stamp}|${json}`, kept ttl + stale
 *   `${ns}:v${version}:l:${stamp}:${key}` loader lock (SET NX PX)
 * `stamp` is the entry's tag tokens at the moment its load began. A read fetches the tag tokens
 * and the entry in one MGET; the entry counts only if its stamp equals the current tokens. So
 * invalidate(tag) is one SET, atomic across instances, with no key lists; and a load that began
 * before an invalidation is not stored (if one slips through, its old stamp is never read).
 * Tokens are random, not counters: a tag key lost to eviction can never bring an old stamp back.
 * Tag keys carry no version: during a rolling deploy, old and new instances invalidate each other.
 * Bump CACHE_VERSION whenever a cached value's shape changes: new code never reads old entries.
 *
 * Stampedes: concurrent misses for one key in a process share one promise; across instances, the
 * instance that wins the lock loads (re-checking the entry first), the others serve the stale value
 * when its stamp is current (only time-expired, never invalidated, so writers read their writes)
 * or poll for the winner's value, and load themselves only if the winner gives up or is too slow.
 *
 * Failure policy: a store error or timeout never fails a read: the value is loaded directly (and
 * a warning logged at most once a minute). Errors thrown by `load` reach the caller, uncached.
 * An invalidation that cannot reach the store is not forgotten: its tags stay pending in this
 * process and are written again every `retryMs` (and before this process's next read) until the
 * store takes them; meanwhile reads of entries with a pending tag skip the cache. So after a
 * Redis partition the writer's own next read is fresh, and every instance's within `retryMs` of
 * Redis returning, instead of serving the entry the write should have ended until its ttl.
 * Values travel as JSON, from the store and from a fresh load alike (Dates come back as strings):
 * cache plain DTOs, not rows. `undefined` is never cached; `null` only with `cacheNull`.
 *
 * PRIVACY: a key is shared by every user and instance. Never cache user-private data (or anything
 * that depends on the viewer's permissions) under a key that does not include that user/viewer.
 */
import { createHash, randomBytes } from "node:crypto";
import { getRedis } from "@/lib/redis/client";
import { type CacheStore, MemoryStore, UpstashStore } from "./store";

/** Bump when the shape of any cached value changes. */
export const CACHE_VERSION = 1;

export interface CachedOptions {
  /** Seconds the value is fresh. */
  ttl: number;
  /** Invalidation tags, e.g. `board:${id}`; every write path invalidates the tags it changed. */
  tags?: readonly string[];
  /** Cache `null` (a "not found") too. Only where a later create invalidates one of the tags. */
  cacheNull?: boolean;
  /** Seconds past `ttl` a stale copy may be served while another instance reloads (default ttl). */
  stale?: number;
} // Concurrent calls for one key in one process share the first caller's load and options.

export interface CacheSettings {
  namespace?: string;
  version?: number | string;
  /** How long a loader holds the lock (ms); keep it above the slowest load. */
  lockMs?: number;
  /** How long a loser waits for the winner's value before loading itself (ms). */
  waitMs?: number;
  pollMs?: number;
  /** How often invalidations the store missed are retried (ms, default 500). */
  retryMs?: number;
}

export interface Cache {
  cached<T>(key: string, options: CachedOptions, load: () => Promise<T>): Promise<T>;
  /**
   * Last good copies, for serving stale when the source is away (stale-if-error): kept `ttl`
   * seconds whatever the tags say, read back only by `lastCopy`. Never fail (false / null when
   * the store is down).
   */
  keepCopy(key: string, value: unknown, ttl: number): Promise<boolean>;
  lastCopy(key: string): Promise<string | null>;
  dropCopy(key: string): Promise<boolean>;
  /**
   * Make every entry tagged with one of `tags` stale everywhere; false if the store was down (the
   * invalidation is then retried until it lands).
   */
  invalidate(...tags: string[]): Promise<boolean>;
}

const TAG_TTL_MS = 30 * 24 * 3600 * 1000;
const LOG_EVERY_MS = 60_000;

/** Keys and tags come from callers: bounded, hashed when long. */
function bounded(part: string): string {
  return part.length <= 200 ? part : `#${createHash("sha256").update(part).digest("hex")}`;
}
const token = () => randomBytes(8).toString("hex");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a load produced: JSON text (parsed afresh for each caller), or a value never cached. */
type Outcome = { text: string } | { raw: null | undefined };
type Flight = { tags: ReadonlySet<string>; promise: Promise<Outcome> };

function stampOf(tokens: readonly (string | null)[]): string {
  const joined = tokens.join(".");
  return joined.length <= 64 ? joined : createHash("sha256").update(joined).digest("hex");
}

function parseEntry(entry: string | null | undefined) {
  if (!entry) return null;
  const i = entry.indexOf("|");
  const j = entry.indexOf("|", i + 1);
  const freshUntil = Number(entry.slice(0, i));
  if (i < 0 || j < 0 || !Number.isFinite(freshUntil)) return null;
  return { freshUntil, stamp: entry.slice(i + 1, j), text: entry.slice(j + 1) };
}

export function createCache(store: CacheStore, settings: CacheSettings = {}): Cache {
  const { namespace = "pb", version = CACHE_VERSION } = settings;
  const { lockMs = 5_000, waitMs = 2_000, pollMs = 25, retryMs = 500 } = settings;
  const flights = new Map<string, Flight>();
  /** Tags whose invalidation has not reached the store yet (it was down). */
  const pending = new Set<string>();
  let retryTimer: NodeJS.Timeout | undefined;
  let lastLog = -Infinity;
  let suppressed = 0;

  const tagKey = (tag: string) => `${namespace}:t:${bounded(tag)}`;
  const entryKey = (key: string) => `${namespace}:v${version}:e:${bounded(key)}`;
  const copyKey = (key: string) => `${namespace}:v${version}:c:${bounded(key)}`;
  const lockKey = (key: string, stamp: string) =>
    `${namespace}:v${version}:l:${stamp}:${bounded(key)}`;

  function report(error: unknown) {
    if (Date.now() - lastLog < LOG_EVERY_MS) return void (suppressed += 1);
    const more = suppressed > 0 ? ` (and ${suppressed} more since the last warning)` : "";
    console.warn(`Cache store unavailable, loading directly: ${String(error)}${more}`);
    lastLog = Date.now();
    suppressed = 0;
  }

  const writeTokens = (tags: readonly string[]) =>
    Promise.all(tags.map((tag) => store.set(tagKey(tag), token(), TAG_TTL_MS)));

  /** Write the pending invalidations; true when none is left. */
  async function flushPending(): Promise<boolean> {
    if (pending.size === 0) return true;
    const tags = [...pending];
    try {
      await writeTokens(tags);
      for (const tag of tags) pending.delete(tag);
      return pending.size === 0;
    } catch (error) {
      report(error);
      scheduleRetry();
      return false;
    }
  }

  function scheduleRetry() {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void flushPending();
    }, retryMs);
    retryTimer.unref?.();
  }

  /** Current stamp (tag tokens, created where missing) and the entry, in one round trip. */
  async function lookup(key: string, tags: readonly string[]) {
    const values = await store.mget([...tags.map(tagKey), entryKey(key)]);
    const tokens: string[] = [];
    for (const [i, tag] of tags.entries()) {
      let current = values[i] ?? null;
      if (current === null) {
        const mine = token();
        current = (await store.setNX(tagKey(tag), mine, TAG_TTL_MS))
          ? mine
          : ((await store.mget([tagKey(tag)]))[0] ?? null);
      }
      if (current === null) return null; // expired between two calls: don't cache this once
      tokens.push(current);
    }
    const stamp = stampOf(tokens);
    const entry = parseEntry(values[tags.length]);
    return { stamp, entry: entry?.stamp === stamp ? entry : null };
  }

  /** Whether no tag was invalidated since `stamp` was read (a late load must not overwrite). */
  async function isCurrent(tags: readonly string[], stamp: string) {
    return tags.length === 0 || stampOf(await store.mget(tags.map(tagKey))) === stamp;
  }

  /** The winner's fresh value, or null if it gave up (lock gone, nothing stored) or took too long. */
  async function waitForWinner(key: string, stamp: string): Promise<string | null> {
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      await sleep(pollMs);
      const [raw, lock] = await store.mget([entryKey(key), lockKey(key, stamp)]);
      const entry = parseEntry(raw);
      if (entry?.stamp === stamp && entry.freshUntil > Date.now()) return entry.text;
      if (lock === null) return null;
    }
    return null;
  }

  async function loadOutcome<T>(load: () => Promise<T>, cacheNull: boolean): Promise<Outcome> {
    const value = await load();
    if (value === undefined) return { raw: undefined };
    if (value === null && !cacheNull) return { raw: null };
    return { text: JSON.stringify(value) };
  }

  async function fill<T>(key: string, options: CachedOptions, load: () => Promise<T>) {
    const { ttl, cacheNull = false, stale = ttl } = options;
    const tags = [...new Set(options.tags)].sort(); // one stamp whatever the order
    let found: Awaited<ReturnType<typeof lookup>> = null;
    let won = false;
    // An entry with a tag whose invalidation the store missed may be what the write ended.
    if (pending.size > 0 && !(await flushPending()) && tags.some((tag) => pending.has(tag))) {
      return loadOutcome(load, cacheNull);
    }
    try {
      found = await lookup(key, tags);
      if (found?.entry && found.entry.freshUntil > Date.now()) return { text: found.entry.text };
      if (found) won = await store.setNX(lockKey(key, found.stamp), token(), lockMs);
      if (found && won) {
        // Double-checked: the winner of an earlier round may have stored it since our lookup.
        const entry = parseEntry((await store.mget([entryKey(key)]))[0]);
        if (entry?.stamp === found.stamp && entry.freshUntil > Date.now()) {
          await store.del(lockKey(key, found.stamp));
          return { text: entry.text };
        }
      } else if (found) {
        if (found.entry) return { text: found.entry.text };
        const text = await waitForWinner(key, found.stamp);
        if (text !== null) return { text };
      }
    } catch (error) {
      report(error);
      found = null; // load without the store (a lock we took expires after lockMs)
    }
    if (!found) return loadOutcome(load, cacheNull);
    const { stamp } = found;
    try {
      const outcome = await loadOutcome(load, cacheNull);
      if ("text" in outcome && (await isCurrent(tags, stamp).catch(report))) {
        const entry = `${Date.now() + ttl * 1000}|${stamp}|${outcome.text}`;
        await store.set(entryKey(key), entry, (ttl + stale) * 1000).catch(report);
      }
      return outcome;
    } finally {
      if (won) await store.del(lockKey(key, stamp)).catch(report);
    }
  }

  return {
    async cached<T>(key: string, options: CachedOptions, load: () => Promise<T>): Promise<T> {
      if (!(options.ttl > 0) || !((options.stale ?? 0) >= 0)) {
        throw new RangeError("cached(): ttl must be positive and stale zero or more");
      }
      let flight = flights.get(key);
      if (!flight) {
        const promise = fill(key, options, load);
        const mine: Flight = { tags: new Set(options.tags), promise };
        flight = mine;
        flights.set(key, mine);
        const land = () => flights.get(key) === mine && flights.delete(key);
        void promise.then(land, land);
      }
      const outcome = await flight.promise;
      return "text" in outcome ? (JSON.parse(outcome.text) as T) : (outcome.raw as T);
    },

    async keepCopy(key: string, value: unknown, ttl: number): Promise<boolean> {
      try {
        await store.set(copyKey(key), JSON.stringify(value), ttl * 1000);
        return true;
      } catch (error) {
        report(error);
        return false;
      }
    },

    async lastCopy(key: string): Promise<string | null> {
      try {
        return (await store.mget([copyKey(key)]))[0] ?? null;
      } catch (error) {
        report(error);
        return null;
      }
    },

    async dropCopy(key: string): Promise<boolean> {
      try {
        await store.del(copyKey(key));
        return true;
      } catch (error) {
        report(error);
        return false;
      }
    },

    async invalidate(...tags: string[]): Promise<boolean> {
      // Callers arriving after this must not join a load that started before the write.
      for (const [key, flight] of flights) {
        if (tags.some((tag) => flight.tags.has(tag))) flights.delete(key);
      }
      try {
        await writeTokens(tags);
        for (const tag of tags) pending.delete(tag);
        return true;
      } catch (error) {
        report(error);
        for (const tag of tags) pending.add(tag);
        scheduleRetry();
        return false;
      }
    },
  };
}

/**
 * Kept on globalThis: Next.js bundles instrumentation (the job worker), route handlers and pages
 * separately, each with its own copy of this module, and in memory an invalidation by the worker
 * (billing converged from a webhook) must reach the pages of the same process.
 */
const processWide = globalThis as typeof globalThis & { __problemboardCache?: Cache };

/** The app's cache: Upstash Redis when configured, else this process's memory (one instance). */
function appCache(): Cache {
  const redis = getRedis(); // memoised by lib/redis/client
  return (processWide.__problemboardCache ??= createCache(
    redis ? new UpstashStore(redis) : new MemoryStore(),
  ));
}

export const cached: Cache["cached"] = (key, options, load) =>
  appCache().cached(key, options, load);
export const invalidate: Cache["invalidate"] = (...tags) => appCache().invalidate(...tags);
export const keepCopy: Cache["keepCopy"] = (key, value, ttl) =>
  appCache().keepCopy(key, value, ttl);
export const lastCopy: Cache["lastCopy"] = (key) => appCache().lastCopy(key);
export const dropCopy: Cache["dropCopy"] = (key) => appCache().dropCopy(key);
