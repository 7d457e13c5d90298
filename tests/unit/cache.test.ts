// The cache (lib/cache) on the in-process MemoryStore: hits, expiry, tag invalidation, stampedes
// (in one process and across "instances" = cache objects sharing one store), stale-while-loading,
// negative caching, a failing store and version bumps. Redis-backed: tests/integration/cache-redis.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCache } from "@/lib/cache/cached";
import { type CacheStore, MemoryStore } from "@/lib/cache/store";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A loader that counts its calls. */
function counter<T>(make: (n: number) => T | Promise<T>) {
  const load = vi.fn(async () => make(load.mock.calls.length));
  return load;
}

const fast = { pollMs: 5, waitMs: 1_000 };

/** A MemoryStore that records every key read through MGET. */
function recordingStore() {
  const store = new MemoryStore();
  const reads: (readonly string[])[] = [];
  const mget = store.mget.bind(store);
  store.mget = (keys) => (reads.push(keys), mget(keys));
  return { store, reads };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("cached() on the memory store", () => {
  it("loads on a miss, then answers from the cache; every caller gets its own JSON copy", async () => {
    const cache = createCache(new MemoryStore());
    const load = counter((n) => ({ n, at: new Date(0), list: [1, 2] }));
    const first = await cache.cached("problem:1", { ttl: 60 }, load);
    const second = await cache.cached("problem:1", { ttl: 60 }, load);
    expect(load).toHaveBeenCalledTimes(1);
    // Same JSON shape on a miss and a hit (a Date comes back as a string both times).
    expect(first).toEqual({ n: 1, at: "1970-01-01T00:00:00.000Z", list: [1, 2] });
    expect(second).toEqual(first);
    first.list.push(3);
    expect((await cache.cached("problem:1", { ttl: 60 }, load)).list).toEqual([1, 2]);
  });

  it("expires after ttl", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_000_000);
    const cache = createCache(new MemoryStore());
    const load = counter((n) => n);
    expect(await cache.cached("k", { ttl: 10 }, load)).toBe(1);
    vi.setSystemTime(1_000_000 + 9_000);
    expect(await cache.cached("k", { ttl: 10 }, load)).toBe(1);
    vi.setSystemTime(1_000_000 + 10_001);
    expect(await cache.cached("k", { ttl: 10 }, load)).toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("invalidate(tag) reloads entries with that tag and leaves other tags alone", async () => {
    const cache = createCache(new MemoryStore());
    const a = counter((n) => `a${n}`);
    const b = counter((n) => `b${n}`);
    const read = () =>
      Promise.all([
        cache.cached("board:1:list", { ttl: 60, tags: ["board:1", "ws:1"] }, a),
        cache.cached("board:2:list", { ttl: 60, tags: ["board:2", "ws:1"] }, b),
      ]);
    expect(await read()).toEqual(["a1", "b1"]);
    expect(await cache.invalidate("board:1")).toBe(true);
    expect(await read()).toEqual(["a2", "b1"]);
    await cache.invalidate("ws:1");
    expect(await read()).toEqual(["a3", "b2"]);
    expect(await read()).toEqual(["a3", "b2"]);
  });

  it("a load that began before an invalidation is never served after it", async () => {
    const cache = createCache(new MemoryStore());
    const started = deferred<void>();
    const gate = deferred<string>();
    const slow = cache.cached(
      "k",
      { ttl: 60, tags: ["t"] },
      () => (started.resolve(), gate.promise),
    );
    await started.promise; // the load has read the old data…
    await cache.invalidate("t"); // …and a write commits meanwhile
    // A read after the write neither joins the old load nor waits for its lock…
    const during = cache.cached("k", { ttl: 60, tags: ["t"] }, async () => "after");
    expect(await during).toBe("after");
    gate.resolve("before the write");
    expect(await slow).toBe("before the write");
    // …and the old load's result, stored under the old stamp, is never read.
    expect(await cache.cached("k", { ttl: 60, tags: ["t"] }, async () => "again")).toBe("after");
  });

  it("100 concurrent misses on a cold key run the loader once, sharing one trip to the store", async () => {
    const { store, reads } = recordingStore();
    const cache = createCache(store);
    const load = counter(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { board: "b1" };
    });
    const results = await Promise.all(
      Array.from({ length: 100 }, () => cache.cached("cold", { ttl: 60 }, load)),
    );
    expect(load).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.board === "b1")).toBe(true);
    expect(reads).toHaveLength(2); // one lookup, one re-check under the lock: no polling
  });

  it("100 concurrent misses across two instances sharing a store run the loader once", async () => {
    const store = new MemoryStore();
    const [one, two] = [createCache(store, fast), createCache(store, fast)];
    const load = counter(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return "v";
    });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? one : two).cached("cold", { ttl: 60 }, load)),
    );
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(results)).toEqual(new Set(["v"]));
  });

  it("serves the stale value to another instance while one instance reloads", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(2_000_000);
    const store = new MemoryStore();
    const [one, two] = [createCache(store, fast), createCache(store, fast)];
    expect(await one.cached("k", { ttl: 5 }, async () => "old")).toBe("old");
    vi.setSystemTime(2_000_000 + 6_000); // expired, still within the stale window

    const started = deferred<void>();
    const gate = deferred<string>();
    const reloading = one.cached("k", { ttl: 5 }, () => (started.resolve(), gate.promise));
    await started.promise; // instance one holds the lock
    const other = vi.fn(async () => "loaded by two");
    expect(await two.cached("k", { ttl: 5 }, other)).toBe("old");
    expect(other).not.toHaveBeenCalled();

    gate.resolve("new");
    expect(await reloading).toBe("new");
    expect(await two.cached("k", { ttl: 5 }, other)).toBe("new");
    expect(other).not.toHaveBeenCalled();
  });

  it("a waiting instance loads itself when the winner's load fails", async () => {
    const store = new MemoryStore();
    const [one, two] = [createCache(store, fast), createCache(store, fast)];
    const started = deferred<void>();
    const gate = deferred<string>();
    const failing = one.cached("k", { ttl: 5 }, () => (started.resolve(), gate.promise));
    await started.promise;
    const waiting = two.cached("k", { ttl: 5 }, async () => "two");
    gate.reject(new Error("database down"));
    await expect(failing).rejects.toThrow("database down");
    expect(await waiting).toBe("two");
  });

  it("caches null only with cacheNull", async () => {
    const cache = createCache(new MemoryStore());
    const missing = counter(() => null);
    await cache.cached("gone", { ttl: 60 }, missing);
    expect(await cache.cached("gone", { ttl: 60 }, missing)).toBeNull();
    expect(missing).toHaveBeenCalledTimes(2);

    const negative = counter(() => null);
    const opts = { ttl: 60, tags: ["slug:x"], cacheNull: true };
    await cache.cached("slug:x", opts, negative);
    expect(await cache.cached("slug:x", opts, negative)).toBeNull();
    expect(negative).toHaveBeenCalledTimes(1);
    await cache.invalidate("slug:x"); // e.g. the slug was created
    expect(await cache.cached("slug:x", opts, async () => "now exists")).toBe("now exists");
  });

  it("a failing load reaches its callers once and caches nothing", async () => {
    const cache = createCache(new MemoryStore());
    const load = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error("database down");
    });
    const calls = Array.from({ length: 10 }, () => cache.cached("k", { ttl: 60 }, load));
    const settled = await Promise.allSettled(calls);
    expect(settled.map((r) => r.status === "rejected" && String(r.reason))).toEqual(
      Array(10).fill("Error: database down"),
    );
    expect(load).toHaveBeenCalledTimes(1);
    expect(await cache.cached("k", { ttl: 60 }, async () => "back")).toBe("back");
  });

  it("loads directly when the store fails, warning at most once a minute", async () => {
    const down = new Error("store down");
    const failing: CacheStore = {
      mget: () => Promise.reject(down),
      set: () => Promise.reject(down),
      setNX: () => Promise.reject(down),
      del: () => Promise.reject(down),
    };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const cache = createCache(failing);
    const load = counter((n) => n);
    expect(await cache.cached("k", { ttl: 60 }, load)).toBe(1);
    expect(await cache.cached("k", { ttl: 60 }, load)).toBe(2);
    expect(await cache.invalidate("t")).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    await expect(cache.cached("k", { ttl: 60 }, () => Promise.reject(down))).rejects.toBe(down);
  });

  it("a new version never reads entries written by the old one", async () => {
    const store = new MemoryStore();
    const v1 = createCache(store, { version: 1 });
    const v2 = createCache(store, { version: 2 });
    await v1.cached("k", { ttl: 60 }, async () => ({ name: "old shape" }));
    expect(await v2.cached("k", { ttl: 60 }, async () => ({ title: "new shape" }))).toEqual({
      title: "new shape",
    });
    expect(await v1.cached("k", { ttl: 60 }, async () => ({ name: "x" }))).toEqual({
      name: "old shape",
    });
  });

  it("bounds the length of keys and tags it sends to the store", async () => {
    const { store, reads } = recordingStore();
    const cache = createCache(store);
    const long = "x".repeat(5_000);
    const load = counter(() => "v");
    await cache.cached(long, { ttl: 60, tags: [long] }, load);
    await cache.cached(long, { ttl: 60, tags: [long] }, load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(Math.max(...reads.flat().map((k) => k.length))).toBeLessThan(300);
  });
});

/** A MemoryStore that can be "partitioned": every call fails while `down`. */
function partitionableStore() {
  const store = new MemoryStore();
  const state = { down: false };
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (state.down) throw new Error("fetch failed: connect ECONNREFUSED");
      return fn(...args);
    };
  const flaky: CacheStore = {
    mget: guard(store.mget.bind(store)),
    set: guard(store.set.bind(store)),
    setNX: guard(store.setNX.bind(store)),
    del: guard(store.del.bind(store)),
  };
  return { store: flaky, state };
}

describe("invalidations during a store partition", () => {
  it("are retried, so reads after the store returns are fresh, not stale until the ttl", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { store, state } = partitionableStore();
    const writer = createCache(store, { ...fast, retryMs: 50 });
    const reader = createCache(store, { ...fast, retryMs: 50 }); // another instance
    let votes = 1;
    const load = async () => ({ votes });
    const options = { ttl: 60, tags: ["board:1"] };
    expect(await writer.cached("list", options, load)).toEqual({ votes: 1 });
    expect(await reader.cached("list", options, load)).toEqual({ votes: 1 });

    // Redis is away while a vote is written: the invalidation cannot reach it.
    state.down = true;
    votes = 2;
    expect(await writer.invalidate("board:1")).toBe(false);
    // Meanwhile reads go to the database.
    expect(await reader.cached("list", options, load)).toEqual({ votes: 2 });

    // Redis is back: the writer's next read is fresh at once ...
    state.down = false;
    expect(await writer.cached("list", options, load)).toEqual({ votes: 2 });
    // ... and the other instance's right after the retry (not after the 60 s ttl).
    votes = 3;
    await writer.invalidate("board:1");
    expect(await reader.cached("list", options, load)).toEqual({ votes: 3 });
  });

  it("another instance sees the missed invalidation within the retry interval", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { store, state } = partitionableStore();
    const writer = createCache(store, { ...fast, retryMs: 50 });
    const reader = createCache(store, { ...fast, retryMs: 50 });
    let votes = 1;
    const load = async () => ({ votes });
    const options = { ttl: 60, tags: ["board:2"] };
    expect(await reader.cached("list2", options, load)).toEqual({ votes: 1 });

    state.down = true;
    votes = 2;
    expect(await writer.invalidate("board:2")).toBe(false);
    state.down = false;
    // The writer reads nothing; its retry timer alone delivers the invalidation.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await reader.cached("list2", options, load)).toEqual({ votes: 2 });
  });
});
