import { setMaxListeners } from "node:events";
import { performance } from "node:perf_hooks";
import { Redis } from "@upstash/redis";
import { env } from "@/lib/env";

/**
 * No request waits on Redis much longer than this: each call is aborted after REDIS_TIMEOUT_MS
 * (at most 25 ms more, see redisDeadline) and not retried, and callers fall back (fail open) or
 * refuse (fail closed) as docs/architecture.md says.
 */
export const REDIS_TIMEOUT_MS = 250;

/** Calls started within one slot share one deadline (see redisDeadline). */
const DEADLINE_SLOT_MS = 25;
let deadline: { since: number; signal: AbortSignal } | undefined;

/**
 * The abort signal for a Redis call starting now: fires between REDIS_TIMEOUT_MS and
 * REDIS_TIMEOUT_MS + 25 ms after the call began. Every call started in the same 25 ms shares one
 * signal, instead of each holding its own timer and signal for the whole timeout: at thousands of
 * calls a second those outlived the young generation and made the garbage collector's pauses,
 * not Redis, the slowest part of a rate-limit check (docs/performance.md).
 */
export function redisDeadline(now = performance.now()): AbortSignal {
  const current = deadline;
  if (current && now >= current.since && now < current.since + DEADLINE_SLOT_MS) {
    if (!current.signal.aborted) return current.signal;
  }
  const signal = AbortSignal.timeout(REDIS_TIMEOUT_MS + DEADLINE_SLOT_MS);
  setMaxListeners(0, signal); // one listener per call in flight, all gone by the deadline
  deadline = { since: now, signal };
  return signal;
}

let client: Redis | null | undefined;

/**
 * Whether this process already said it keeps limits and caches in memory. Kept on globalThis:
 * under `next dev` each route bundle has its own copy of this module, and the warning printed
 * once per bundle. The instance's start-up line (instrumentation.ts) and the launcher's banner
 * say the same, and mark it said.
 */
const SINGLE_INSTANCE_SAID = Symbol.for("problemboard.single-instance-said");

export function markSingleInstanceSaid(): void {
  (globalThis as Record<symbol, unknown>)[SINGLE_INSTANCE_SAID] = true;
}

function singleInstanceSaid(): boolean {
  return (globalThis as Record<symbol, unknown>)[SINGLE_INSTANCE_SAID] === true;
}

/** Create an Upstash client with the app's timeout policy (tests point it at other servers). */
export function createRedis(url: string, token: string): Redis {
  return new Redis({
    url,
    token,
    retry: { retries: 0 },
    signal: () => redisDeadline(),
    enableTelemetry: false,
  });
}

/** The shared Upstash client, or null when Redis is not configured (single-instance mode). */
export function getRedis(): Redis | null {
  if (client === undefined) {
    client =
      env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN
        ? createRedis(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN)
        : null;
    if (!client && !singleInstanceSaid() && env.NODE_ENV !== "test") {
      markSingleInstanceSaid();
      console.warn(
        "Redis is not configured (UPSTASH_REDIS_REST_URL): rate limits and caches are kept in " +
          "this process only. Run one instance, or configure Redis.",
      );
    }
  }
  return client;
}
