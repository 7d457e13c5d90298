// The Upstash REST bridge, driven by the REAL production clients (@upstash/redis, @upstash/ratelimit)
// against a local Redis: data types, base64 replies, errors, pipelines, transactions, scripts
// (including ratelimit's `#!lua flags=…` shebang and the EVALSHA→EVAL fallback), auth, bad input,
// and rate limits shared between separate client instances. Skips loudly without REDIS_URL.
import { createHash } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireRedisUrl, startTestBridge, type TestBridge } from "@/tests/support/redis";

const redisUrl = requireRedisUrl();
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

describe.skipIf(!redisUrl)("Upstash REST bridge with the real Upstash clients", () => {
  let bridge: TestBridge;
  let autoPipelined: Redis; // the production default: commands batched through /pipeline
  let direct: Redis; // one POST / per command
  const key = (name: string) => `${bridge.prefix}${name}`;

  beforeAll(async () => {
    bridge = await startTestBridge();
    autoPipelined = new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false });
    direct = new Redis({
      url: bridge.url,
      token: bridge.token,
      enableTelemetry: false,
      enableAutoPipelining: false,
    });
  });
  afterAll(async () => {
    await bridge?.stop();
  });

  /** A raw request, for what the clients never send (bad bodies, missing auth, plain encoding). */
  function post(path: string, body: string, headers: Record<string, string> = {}) {
    return fetch(`${bridge.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${bridge.token}`, ...headers },
      body,
    });
  }

  const clients = [
    ["auto-pipelined", () => autoPipelined],
    ["direct", () => direct],
  ] as const;

  describe.each(clients)("data types (%s client)", (name, client) => {
    const k = (suffix: string) => key(`${name}:${suffix}`);

    it("round-trips strings, including non-ASCII text, and honours EX", async () => {
      expect(await client().set(k("s"), "héllo ✓ 🎉", { ex: 60 })).toBe("OK");
      expect(await client().get(k("s"))).toBe("héllo ✓ 🎉");
      const ttl = await client().ttl(k("s"));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
    });

    it("returns integers as numbers and nil as null", async () => {
      expect(await client().incr(k("n"))).toBe(1);
      expect(await client().incrby(k("n"), 41)).toBe(42);
      expect(await client().get<number>(k("n"))).toBe(42);
      expect(await client().get(k("missing"))).toBeNull();
      expect(await client().exists(k("missing"))).toBe(0);
    });

    it("round-trips JSON objects through automatic (de)serialization", async () => {
      const value = { id: 7, tags: ["a", "b"], nested: { ok: true, none: null } };
      await client().set(k("json"), value);
      expect(await client().get(k("json"))).toEqual(value);
    });

    it("returns lists as arrays and hashes as objects", async () => {
      expect(await client().rpush(k("list"), "a", "b", "c")).toBe(3);
      expect(await client().lrange(k("list"), 0, -1)).toEqual(["a", "b", "c"]);
      await client().hset(k("hash"), { title: "hello", votes: 3, meta: { x: 1 } });
      expect(await client().hgetall(k("hash"))).toEqual({
        title: "hello",
        votes: 3,
        meta: { x: 1 },
      });
      expect(await client().hgetall(k("no-hash"))).toBeNull();
    });

    it("rejects with Redis's own error text", async () => {
      await client().set(k("text"), "not a number");
      await expect(client().incr(k("text"))).rejects.toThrow(
        "ERR value is not an integer or out of range",
      );
    });
  });

  describe("wire format", () => {
    it("base64-encodes every string (recursively) only when asked; numbers and nil stay", async () => {
      await direct.hset(key("wire"), { f: "v" });
      const base64 = { "upstash-encoding": "base64" };
      const b64 = (text: string) => Buffer.from(text).toString("base64");

      const hgetall = await post("/", JSON.stringify(["HGETALL", key("wire")]), base64);
      expect(hgetall.status).toBe(200);
      expect(await hgetall.json()).toEqual({ result: [b64("f"), b64("v")] }); // flat, like Upstash

      const pipeline = await post(
        "/pipeline",
        JSON.stringify([
          ["HLEN", key("wire")],
          ["GET", key("none")],
          ["HGETALL", key("wire")],
        ]),
        base64,
      );
      expect(await pipeline.json()).toEqual([
        { result: 1 },
        { result: null },
        { result: [b64("f"), b64("v")] },
      ]);

      const plain = await post("/", JSON.stringify(["HGETALL", key("wire")]));
      expect(await plain.json()).toEqual({ result: ["f", "v"] });
    });

    it("answers a Redis error with HTTP 400 and the error text", async () => {
      const res = await post("/", JSON.stringify(["EVALSHA", "0".repeat(40), "0"]));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: "NOSCRIPT No matching script. Please use EVAL." });
    });

    it("rejects malformed bodies, oversized bodies and connection-state commands", async () => {
      const notArray = await post("/", JSON.stringify({ command: "GET" }));
      expect(notArray.status).toBe(400);
      expect((await notArray.json()) as { error: string }).toMatchObject({
        error: expect.stringContaining("JSON array") as string,
      });
      expect((await post("/", "{not json")).status).toBe(400);
      expect((await post("/pipeline", JSON.stringify(["GET", "x"]))).status).toBe(400);
      expect((await post("/pipeline", "[]")).status).toBe(400);
      const huge = await post("/", JSON.stringify(["SET", key("huge"), "x".repeat(1_100_000)]));
      expect(huge.status).toBe(413);
      const select = await post("/", JSON.stringify(["SELECT", "1"]));
      expect(select.status).toBe(400);
      const mixed = await post("/pipeline", JSON.stringify([["SELECT", "1"], ["PING"]]));
      expect(await mixed.json()).toEqual([
        { error: "ERR 'SELECT' is not supported by the bridge" },
        { result: "PONG" },
      ]);
      const refusedTx = await post("/multi-exec", JSON.stringify([["PING"], ["SELECT", "1"]]));
      expect(refusedTx.status).toBe(400);
      const aborted = await post(
        "/multi-exec",
        JSON.stringify([["SET", key("tx"), "1"], ["NOPE"]]),
      );
      expect(aborted.status).toBe(400);
      expect(await aborted.json()).toEqual({
        error: "EXECABORT Transaction discarded because of previous errors.",
      });
      expect(await direct.exists(key("tx"))).toBe(0);
      expect(await direct.exists(key("huge"))).toBe(0);
    });

    it("refuses a missing or wrong token", async () => {
      const res = await fetch(bridge.url, { method: "POST", body: JSON.stringify(["PING"]) });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "Unauthorized" });
      const intruder = new Redis({
        url: bridge.url,
        token: "wrong-token",
        enableTelemetry: false,
        retry: false,
      });
      await expect(intruder.get(key("s"))).rejects.toThrow("Unauthorized");
    });
  });

  describe("pipelines and transactions", () => {
    it("runs a pipeline and reports a failing command without stopping the others", async () => {
      const results = await direct
        .pipeline()
        .set(key("p:a"), "1")
        .incr(key("p:a"))
        .get(key("p:a"))
        .exec();
      expect(results).toEqual(["OK", 2, 2]);

      await direct.set(key("p:text"), "abc");
      const kept = await direct
        .pipeline()
        .incr(key("p:text"))
        .incr(key("p:a"))
        .exec({ keepErrors: true });
      expect(kept[0]?.error).toContain("ERR value is not an integer");
      expect(kept[1]).toEqual({ error: undefined, result: 3 });
      await expect(direct.pipeline().incr(key("p:text")).exec()).rejects.toThrow(
        "ERR value is not an integer",
      );
    });

    it("runs a MULTI/EXEC transaction", async () => {
      const results = await direct
        .multi()
        .set(key("m:a"), "10")
        .incrby(key("m:a"), 5)
        .rpush(key("m:list"), "x", "y")
        .lrange(key("m:list"), 0, -1)
        .exec();
      expect(results).toEqual(["OK", 15, 2, ["x", "y"]]);
    });
  });

  describe("scripts", () => {
    it("EVAL returns mixed replies; EVALSHA works after SCRIPT LOAD", async () => {
      const script = "return {KEYS[1], ARGV[1], 3, redis.call('INCR', KEYS[1])}";
      expect(await direct.eval(script, [key("s:n")], ["hi"])).toEqual([key("s:n"), "hi", 3, 1]);
      const sha = await direct.scriptLoad(script);
      expect(sha).toBe(sha1(script));
      expect(await direct.evalsha(sha, [key("s:n")], ["again"])).toEqual([
        key("s:n"),
        "again",
        3,
        2,
      ]);
      await expect(direct.evalsha("f".repeat(40), [], [])).rejects.toThrow("NOSCRIPT");
    });

    it("accepts ratelimit's `#!lua flags=allow-key-locking` shebang and maps its hash", async () => {
      const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCR', KEYS[1])";
      const fresh = `${script}\n-- ${bridge.prefix}`; // never loaded before, on any bridge
      await expect(direct.evalsha(sha1(fresh), [key("sb:n")], [])).rejects.toThrow("NOSCRIPT");
      expect(await direct.eval(fresh, [key("sb:n")], [])).toBe(1);
      expect(await direct.evalsha(sha1(fresh), [key("sb:n")], [])).toBe(2); // the client's hash

      const loaded = await direct.scriptLoad(script);
      expect(loaded).toBe(sha1(script)); // Upstash answers the hash of what it was sent
      expect(await direct.evalsha(loaded, [key("sb:n")], [])).toBe(3);
      expect(await direct.scriptExists(loaded)).toEqual([1]);

      // The client's own optimistic EVALSHA → NOSCRIPT → EVAL path, auto-pipelined.
      const counter = autoPipelined.createScript<number>(`${fresh}\n-- createScript`);
      expect(await counter.exec([key("sb:c")], [])).toBe(1);
      expect(await counter.exec([key("sb:c")], [])).toBe(2);
    });
  });

  describe("@upstash/ratelimit", () => {
    /** The sliding window weighs the previous window: never straddle a window edge mid-test. */
    async function awayFromWindowEdge(windowMs: number) {
      const left = windowMs - (Date.now() % windowMs);
      if (left < 2_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    }

    function limiter(redis: Redis, limiterAlgo: ReturnType<typeof Ratelimit.slidingWindow>) {
      return new Ratelimit({
        redis,
        limiter: limiterAlgo,
        prefix: `${bridge.prefix}rl`,
        enableProtection: false, // it would download deny lists from the internet
        analytics: false,
        timeout: 0, // no fail-open: a broken bridge must fail the test, not pass it
      });
    }

    async function drain(limit: () => Promise<{ success: boolean; remaining: number }>, n: number) {
      const results = [];
      for (let i = 0; i < n; i++) results.push(await limit());
      return results.map(({ success, remaining }) => ({ success, remaining }));
    }

    const expected = [
      { success: true, remaining: 4 },
      { success: true, remaining: 3 },
      { success: true, remaining: 2 },
      { success: true, remaining: 1 },
      { success: true, remaining: 0 },
      { success: false, remaining: 0 },
      { success: false, remaining: 0 },
    ];

    it("slidingWindow(5, '10 s') allows exactly 5 then refuses", async () => {
      await awayFromWindowEdge(10_000);
      const rl = limiter(autoPipelined, Ratelimit.slidingWindow(5, "10 s"));
      expect(await drain(() => rl.limit("sliding-user"), 7)).toEqual(expected);
    });

    it("tokenBucket(5, '10 s', 5) allows exactly 5 then refuses", async () => {
      const rl = limiter(direct, Ratelimit.tokenBucket(5, "10 s", 5));
      expect(await drain(() => rl.limit("bucket-user"), 7)).toEqual(expected);
    });

    it.each([
      ["slidingWindow", () => Ratelimit.slidingWindow(5, "10 s")],
      ["tokenBucket", () => Ratelimit.tokenBucket(5, "10 s", 5)],
    ])("two instances with separate clients share one %s count", async (algo, make) => {
      await awayFromWindowEdge(10_000);
      const clientA = new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false });
      const clientB = new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false });
      const a = limiter(clientA, make());
      const b = limiter(clientB, make());
      const id = `shared-${algo}`;
      const outcomes: boolean[] = [];
      for (let i = 0; i < 10; i++) outcomes.push((await (i % 2 ? b : a).limit(id)).success);
      expect(outcomes.filter(Boolean)).toHaveLength(5); // combined 5, not 10
      expect(outcomes.slice(0, 5).every(Boolean)).toBe(true);
      expect(outcomes.slice(5).some(Boolean)).toBe(false);
    });
  });
});
