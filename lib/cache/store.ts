/**
 * The storage port under the cache (lib/cache/cached.ts): four string commands, which is all the
 * tag-version design needs (no key lists, no sets, no scripts).
 *
 * - `UpstashStore`: shared Redis through the app's @upstash/redis client (production, CI).
 * - `MemoryStore`: a Map with expiry, the embedded single-instance default (no Redis configured).
 *
 * Values are opaque strings. The Upstash client JSON-parses replies by default
 * (`automaticDeserialization`) and the shared client's options are not ours to change, so
 * UpstashStore writes every value behind a one-character marker that no JSON text starts with: the
 * client's parser then always fails and hands the string back untouched, whatever the client's
 * setting. A value without the marker was not written by this store and reads as absent.
 *
 * Every UpstashStore call is bounded: the shared client aborts each request after REDIS_TIMEOUT_MS
 * (lib/redis/client.ts), and a guard here rejects a little later in case a client was built without
 * that signal. Errors and timeouts reject; the cache turns them into "load directly".
 */
import type { Redis } from "@upstash/redis";
import { REDIS_TIMEOUT_MS } from "@/lib/redis/client";

export interface CacheStore {
  /** One value per key, `null` when absent or expired (one round trip, atomic in Redis). */
  mget(keys: readonly string[]): Promise<(string | null)[]>;
  /** Set `key` to `value`, expiring after `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Set only if absent (SET NX PX): true when this call set it. Used for locks and tag tokens. */
  setNX(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
}

const MARK = "~";

function unmark(raw: unknown): string | null {
  return typeof raw === "string" && raw.startsWith(MARK) ? raw.slice(MARK.length) : null;
}

const wholeMs = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));

export class UpstashStore implements CacheStore {
  constructor(
    private readonly redis: Redis,
    private readonly timeoutMs = REDIS_TIMEOUT_MS + 50,
  ) {}

  async mget(keys: readonly string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    const raw = await this.bounded(this.redis.mget<unknown[]>(...keys));
    if (!Array.isArray(raw) || raw.length !== keys.length) {
      throw new Error("cache store: malformed MGET reply");
    }
    return raw.map(unmark);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.bounded(this.redis.set(key, MARK + value, { px: wholeMs(ttlMs) }));
  }

  async setNX(key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await this.bounded(
      this.redis.set(key, MARK + value, { nx: true, px: wholeMs(ttlMs) }),
    );
    return reply === "OK";
  }

  async del(key: string): Promise<void> {
    await this.bounded(this.redis.del(key));
  }

  private bounded<T>(call: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`cache store: no reply within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }
}

interface Slot {
  value: string;
  expiresAt: number;
}

/**
 * One process's cache: correct for a single instance only (DESIGN.md §2, embedded default). Bounded:
 * past `maxEntries` expired slots are swept, then the oldest written go first.
 */
export class MemoryStore implements CacheStore {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly maxEntries = 10_000) {}

  mget(keys: readonly string[]): Promise<(string | null)[]> {
    const now = Date.now();
    return Promise.resolve(keys.map((key) => this.live(key, now)?.value ?? null));
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    this.write(key, value, ttlMs);
    return Promise.resolve();
  }

  setNX(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key, Date.now())) return Promise.resolve(false);
    this.write(key, value, ttlMs);
    return Promise.resolve(true);
  }

  del(key: string): Promise<void> {
    this.slots.delete(key);
    return Promise.resolve();
  }

  private live(key: string, now: number): Slot | undefined {
    const slot = this.slots.get(key);
    if (slot && slot.expiresAt <= now) {
      this.slots.delete(key);
      return undefined;
    }
    return slot;
  }

  private write(key: string, value: string, ttlMs: number) {
    const now = Date.now();
    this.slots.delete(key); // re-insert so Map order is write order
    this.slots.set(key, { value, expiresAt: now + wholeMs(ttlMs) });
    if (this.slots.size <= this.maxEntries) return;
    for (const [k, slot] of this.slots) if (slot.expiresAt <= now) this.slots.delete(k);
    for (const k of this.slots.keys()) {
      if (this.slots.size <= this.maxEntries) break;
      this.slots.delete(k);
    }
  }
}
