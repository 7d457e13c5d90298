import { Redis } from "@upstash/redis";
import { env } from "@/lib/env";

/**
 * No request waits on Redis longer than this: each call is aborted after REDIS_TIMEOUT_MS and not
 * retried, and callers fall back (fail open) or refuse (fail closed) as docs/architecture.md says.
 */
export const REDIS_TIMEOUT_MS = 250;

let client: Redis | null | undefined;
let warned = false;

/** Create an Upstash client with the app's timeout policy (tests point it at other servers). */
export function createRedis(url: string, token: string): Redis {
  return new Redis({
    url,
    token,
    retry: { retries: 0 },
    signal: () => AbortSignal.timeout(REDIS_TIMEOUT_MS),
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
    if (!client && !warned && env.NODE_ENV !== "test") {
      warned = true;
      console.warn(
        "Redis is not configured (UPSTASH_REDIS_REST_URL): rate limits and caches are kept in " +
          "this process only. Run one instance, or configure Redis.",
      );
    }
  }
  return client;
}
