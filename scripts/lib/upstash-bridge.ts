// Upstash-REST-compatible bridge to a local Redis (dev/test tooling only; production never imports
// it). The real @upstash/redis and @upstash/ratelimit clients talk to it unmodified, exactly as they
// talk to Upstash: POST / (one command), POST /pipeline and POST /multi-exec, JSON bodies, Bearer
// auth, and `Upstash-Encoding: base64` replies (every string base64, numbers and nil untouched).
// Redis error text is passed through intact (the client's EVALSHA→EVAL fallback looks for NOSCRIPT).
// Scripts: @upstash/ratelimit sends `#!lua flags=allow-key-locking`, which Upstash accepts and Redis
// 7.0 rejects, so the shebang is blanked before Redis sees a script, and EVALSHA hashes of the
// original text are mapped to the hash Redis stored (see DESIGN.md §4).
// Not emulated: the path form (/set/k/v), SSE subscriptions, and connection-state commands (MULTI,
// SELECT, SUBSCRIBE…: refused). Blocking commands (BLPOP…) hold the one shared Redis connection.
// Counters (`stats()`, `resetStats()`), for the benchmark to measure the app from outside: HTTP
// requests received (each is one client round trip), Redis commands run, and the app cache's
// lookups with how many found a current entry (see cacheReadOutcome below).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";

export interface UpstashBridgeOptions {
  redisUrl: string;
  port?: number;
  host?: string;
  /** Bearer token clients must send; a random one when omitted. */
  token?: string;
  /** Largest accepted request body in bytes (default 1 MB). */
  maxBodyBytes?: number;
  /** The app cache's key namespace, for counting its lookups (lib/cache/cached.ts; default "pb"). */
  cacheNamespace?: string;
}

export interface BridgeStats {
  /** HTTP requests received: each is one round trip from a client (a pipeline is one). */
  requests: number;
  /** Redis commands run (a pipeline or transaction of n commands counts n). */
  commands: number;
  /** App cache lookups: MGETs of tag tokens followed by one entry, as each `cached()` starts. */
  cacheLookups: number;
  /** Lookups that found the entry fresh and stamped with the current tag tokens. */
  cacheHits: number;
  /** Lookups that found the entry current but past its ttl (served stale or reloaded). */
  cacheStale: number;
}

export interface UpstashBridge {
  url: string;
  token: string;
  /** Counters since start or the last resetStats(). */
  stats(): BridgeStats;
  resetStats(): void;
  stop(): Promise<void>;
}

type Arg = string | number;
type Refusal = { error: string };
type Outcome = { result: unknown } | Refusal;
/** A command ready for Redis, plus an optional rewrite of its reply. */
type Prepared = { name: string; args: Arg[]; reply?: (value: unknown) => unknown };

// Commands that would change the state of the shared Redis connection for every other client.
const CONNECTION_STATE = new Set([
  ..."MULTI EXEC DISCARD WATCH UNWATCH SELECT AUTH HELLO RESET QUIT MONITOR CLIENT".split(" "),
  ..."SUBSCRIBE PSUBSCRIBE SSUBSCRIBE UNSUBSCRIBE PUNSUBSCRIBE SUNSUBSCRIBE".split(" "),
]);
const SHEBANG = /^#!lua[^\r\n]*/;

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const digest = (text: string) => createHash("sha256").update(text).digest();

function isCommand(value: unknown): value is Arg[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    typeof value[0] === "string" &&
    value.every((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
  );
}

/** Every string (recursively) base64 when asked; integers and nil stay as they are. */
function encode(value: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(value)) return base64 ? value.toString("base64") : value.toString("utf8");
  if (typeof value === "string") return encode(Buffer.from(value), base64);
  if (value instanceof Error) return encode(value.message, base64);
  if (Array.isArray(value)) return value.map((item) => encode(item, base64));
  return value ?? null;
}

/** A value the cache wrote (lib/cache/store.ts marks every value with "~"), or null. */
function unmarked(value: unknown): string | null {
  const text = Buffer.isBuffer(value) ? value.toString("utf8") : value;
  return typeof text === "string" && text.startsWith("~") ? text.slice(1) : null;
}

/**
 * What an MGET tells about the app cache, or null when it is not a cache lookup. A lookup
 * (lib/cache/cached.ts `lookup`) reads an entry's tag tokens in tag order, then the entry
 * `${freshUntilMs}|${stamp}|${json}`, whose stamp must equal the tokens joined with "." (hashed past
 * 64 characters). Untagged entries, lock polls and re-checks are other reads, not counted here.
 */
export function cacheReadOutcome(
  namespace: string,
  keys: readonly string[],
  values: readonly unknown[],
): "hit" | "stale" | "miss" | null {
  const entryKey = keys.at(-1) ?? "";
  const tagKeys = keys.slice(0, -1);
  const isEntry =
    entryKey.startsWith(`${namespace}:`) && /^v[^:]+:e:/.test(entryKey.slice(namespace.length + 1));
  if (!isEntry || tagKeys.length === 0) return null;
  if (!tagKeys.every((key) => key.startsWith(`${namespace}:t:`))) return null;
  const tokens = tagKeys.map((_, i) => unmarked(values[i]));
  const entry = unmarked(values[tagKeys.length]);
  if (entry === null || tokens.includes(null)) return "miss";
  const joined = tokens.join(".");
  const stamp = joined.length <= 64 ? joined : createHash("sha256").update(joined).digest("hex");
  const [freshUntil, entryStamp] = entry.split("|", 2);
  if (entryStamp !== stamp) return "miss";
  return Number(freshUntil) > Date.now() ? "hit" : "stale";
}

const isRedisError = (error: unknown) => error instanceof Error && error.name === "ReplyError";
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.removeAllListeners("data");
      req.resume();
      resolve(null);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, close = false) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
    ...(close ? { connection: "close" } : {}),
  });
  res.end(json);
}

export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  const { redisUrl, port = 0, host = "127.0.0.1", maxBodyBytes = 1024 * 1024 } = options;
  const { cacheNamespace = "pb" } = options;
  const counters: BridgeStats = {
    requests: 0,
    commands: 0,
    cacheLookups: 0,
    cacheHits: 0,
    cacheStale: 0,
  };
  const token = options.token ?? randomBytes(24).toString("hex");
  if (!token) throw new Error("startUpstashBridge: token must not be empty");
  const expected = digest(token);
  const shaMap = new Map<string, string>(); // client's SHA1 (original text) → SHA1 Redis stored

  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  let lastError = "";
  let connected = false; // before the first connection, errors are reported by connect()
  redis.once("ready", () => (connected = true));
  redis.on("error", (error: Error) => {
    lastError = error.message;
    if (connected) console.warn(`[upstash-bridge] redis: ${error.message}`);
  });
  await redis.connect().catch((error: unknown) => {
    redis.disconnect(); // no reconnect loop left behind
    throw new Error(`cannot connect to ${redisUrl}: ${lastError || message(error)}`);
  });

  /** Strip the shebang Redis 7.0 rejects, keeping line numbers; remember the hash mapping. */
  function stripScript(script: string): string {
    const stripped = script.replace(SHEBANG, "");
    if (stripped !== script) shaMap.set(sha1(script), sha1(stripped));
    return stripped;
  }

  function prepare(command: Arg[]): Prepared | Refusal {
    const name = String(command[0]).toUpperCase();
    const args = command.slice(1).map((a) => (typeof a === "boolean" ? String(a) : a));
    if (CONNECTION_STATE.has(name))
      return { error: `ERR '${name}' is not supported by the bridge` };
    if ((name === "EVAL" || name === "EVAL_RO") && args.length > 0) {
      args[0] = stripScript(String(args[0]));
    }
    if ((name === "EVALSHA" || name === "EVALSHA_RO") && args.length > 0) {
      const sha = String(args[0]).toLowerCase();
      args[0] = shaMap.get(sha) ?? sha; // unknown → Redis's own NOSCRIPT error
    }
    const sub = String(args[0] ?? "").toUpperCase();
    if (name === "SCRIPT" && sub === "LOAD" && args.length > 1) {
      const original = String(args[1]);
      args[1] = stripScript(original);
      return { name, args, reply: () => sha1(original) }; // Upstash answers the original's hash
    }
    if (name === "SCRIPT" && sub === "EXISTS") {
      const translate = (a: Arg) => shaMap.get(String(a).toLowerCase()) ?? a;
      return { name, args: args.map((a, i) => (i === 0 ? a : translate(a))) };
    }
    return { name, args };
  }

  function settle(command: Prepared, error: unknown, value: unknown): Outcome {
    counters.commands += 1;
    if (error) return { error: message(error) };
    if (command.name === "MGET" && Array.isArray(value)) {
      const outcome = cacheReadOutcome(cacheNamespace, command.args.map(String), value);
      if (outcome) counters.cacheLookups += 1;
      if (outcome === "hit") counters.cacheHits += 1;
      if (outcome === "stale") counters.cacheStale += 1;
    }
    return { result: command.reply ? command.reply(value) : value };
  }

  // Uppercase names matter: ioredis applies reply transformers (HGETALL → object) by exact name.
  async function runOne(command: Prepared): Promise<Outcome> {
    try {
      return settle(command, null, await redis.callBuffer(command.name, ...command.args));
    } catch (error) {
      if (isRedisError(error)) return settle(command, error, null);
      throw error;
    }
  }

  async function runBatch(commands: Prepared[], transaction: boolean): Promise<Outcome[]> {
    const batch = transaction ? redis.multi() : redis.pipeline();
    for (const command of commands) batch.callBuffer(command.name, ...command.args);
    const replies = await batch.exec();
    if (!replies) throw new Error("EXECABORT Transaction discarded"); // only after WATCH: refused
    return replies.map(([error, value], i) => settle(commands[i]!, error, value));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    counters.requests += 1;
    const auth = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
    if (!auth || !timingSafeEqual(digest(auth[1]!), expected)) {
      return send(res, 401, { error: "Unauthorized" });
    }
    if (req.method !== "POST") return send(res, 405, { error: "Only POST is supported" });
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/" && path !== "/pipeline" && path !== "/multi-exec") {
      return send(res, 404, { error: `Unknown endpoint ${path}: use /, /pipeline or /multi-exec` });
    }
    const declared = Number(req.headers["content-length"] ?? 0);
    const text = declared > maxBodyBytes ? null : await readBody(req, maxBodyBytes);
    if (text === null) {
      return send(res, 413, { error: `Request body exceeds ${maxBodyBytes} bytes` }, true);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return send(res, 400, { error: "Request body is not valid JSON" });
    }
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const wrap = (o: Outcome) => ("error" in o ? o : { result: encode(o.result, base64) });

    if (path === "/") {
      if (!isCommand(body)) {
        return send(res, 400, {
          error: 'Body must be a JSON array command such as ["SET","key","value"]',
        });
      }
      const prepared = prepare(body);
      const outcome = "error" in prepared ? prepared : await runOne(prepared);
      return send(res, "error" in outcome ? 400 : 200, wrap(outcome));
    }
    if (!Array.isArray(body) || body.length === 0 || !body.every(isCommand)) {
      return send(res, 400, {
        error: 'Body must be a non-empty JSON array of commands such as [["GET","key"]]',
      });
    }
    // A refused command fails a whole transaction; in a pipeline it only gets its own error slot.
    const prepared = body.map(prepare);
    const refused = prepared.find((p): p is Refusal => "error" in p);
    if (path === "/multi-exec" && refused) return send(res, 400, refused);
    const runnable = prepared.filter((p): p is Prepared => "name" in p);
    const results = runnable.length > 0 ? await runBatch(runnable, path === "/multi-exec") : [];
    let next = 0;
    return send(
      res,
      200,
      prepared.map((p) => wrap("name" in p ? results[next++]! : p)),
    );
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      send(res, isRedisError(error) ? 400 : 502, { error: message(error) });
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const hostPart = host.includes(":") ? `[${host}]` : host;

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${hostPart}:${address.port}`,
    token,
    stats: () => ({ ...counters }),
    resetStats() {
      for (const key of Object.keys(counters) as (keyof BridgeStats)[]) counters[key] = 0;
    },
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await redis.quit().catch(() => redis.disconnect());
      })();
      return stopping;
    },
  };
}
