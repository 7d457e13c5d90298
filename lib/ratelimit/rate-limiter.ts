import { createHash } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import { env } from "@/lib/env";
import { getRedis, REDIS_TIMEOUT_MS } from "@/lib/redis/client";
import { MemoryLimiter } from "./memory-limiter";
import { getPlan, type PlanId } from "@/lib/billing/plans";
import { POLICIES, type Policy, type PolicyName } from "./policies";

export interface LimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** When the window resets, in ms since the epoch. */
  reset: number;
  /** Redis could not answer and the policy fails closed: the caller answers 503. */
  unavailable: boolean;
}

/** Identities come from user input (emails, addresses): normalised and length-bounded. */
export function limitKey(identifier: string): string {
  const normal = identifier.trim().toLowerCase();
  return normal.length <= 100 ? normal : createHash("sha256").update(normal).digest("hex");
}

/**
 * Rate limiting with @upstash/ratelimit (sliding windows, limiter instances made once, ephemeral
 * cache on) when Redis is configured, else in this process. Created per Redis client so tests can
 * give it their own.
 */
export function createRateLimiter(redis: Redis | null, scale: number = env.RATE_LIMIT_SCALE) {
  const memory = new MemoryLimiter();
  const limiters = new Map<string, Ratelimit>();

  function upstash(name: string, policy: Policy, client: Redis): Ratelimit {
    let limiter = limiters.get(name);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: client,
        limiter: Ratelimit.slidingWindow(policy.limit * scale, `${policy.windowSeconds} s`),
        prefix: `${env.RATE_LIMIT_PREFIX}:${name}`,
        ephemeralCache: new Map(),
        timeout: REDIS_TIMEOUT_MS,
        analytics: false,
        enableProtection: false,
      });
      limiters.set(name, limiter);
    }
    return limiter;
  }

  function local(name: string, policy: Policy, key: string): LimitResult {
    const limit = policy.limit * scale;
    const result = memory.limit(`${name}:${key}`, limit, policy.windowSeconds * 1000);
    return { ...result, limit, unavailable: false };
  }

  /** Check a named policy, or an ad-hoc one (e.g. an API plan's rate) under its own name. */
  return async function check(
    name: PolicyName | string,
    identifier: string,
    custom?: Policy,
  ): Promise<LimitResult> {
    const policy: Policy | undefined = custom ?? POLICIES[name as PolicyName];
    if (!policy) throw new Error(`Unknown rate-limit policy "${name}"`);
    const key = limitKey(identifier);
    if (!redis) return local(name, policy, key);
    try {
      const result = await upstash(name, policy, redis).limit(key);
      // On timeout @upstash/ratelimit lets the request through; treat it as Redis being away.
      if (result.reason === "timeout") throw new Error("rate limit timed out");
      return {
        success: result.success,
        limit: result.limit,
        remaining: result.remaining,
        reset: result.reset,
        unavailable: false,
      };
    } catch {
      if (policy.failClosed) {
        return {
          success: false,
          limit: policy.limit,
          remaining: 0,
          reset: Date.now() + 30_000,
          unavailable: true,
        };
      }
      return local(name, policy, key);
    }
  };
}

let shared: ReturnType<typeof createRateLimiter> | undefined;

/** Check one policy for one identity with the app's Redis (or in-process limiter). */
export function checkRateLimit(name: PolicyName, identifier: string): Promise<LimitResult> {
  shared ??= createRateLimiter(getRedis());
  return shared(name, identifier);
}

/** Requests a minute for Enterprise, whose contract sets the real number. */
export const ENTERPRISE_API_RATE_PER_MINUTE = 6_000;

/**
 * The REST API's limit per API key, from the workspace's plan (lib/billing/plans.ts): Pro 60 and
 * Team 600 a minute; a plan without API access (Free) is always refused. Fails open like other
 * ordinary traffic.
 */
export function checkApiRateLimit(apiKeyId: string, planId: PlanId): Promise<LimitResult> {
  const perMinute = getPlan(planId).limits.apiRatePerMinute;
  const limit = Number.isFinite(perMinute) ? perMinute : ENTERPRISE_API_RATE_PER_MINUTE;
  if (limit <= 0) {
    return Promise.resolve({
      success: false,
      limit: 0,
      remaining: 0,
      reset: Date.now(),
      unavailable: false,
    });
  }
  shared ??= createRateLimiter(getRedis());
  return shared(`api:${planId}`, apiKeyId, { limit, windowSeconds: 60, failClosed: false });
}

/** The IETF RateLimit headers (and Retry-After when refused) for a response. */
export function rateLimitHeaders(result: LimitResult): Record<string, string> {
  const resetSeconds = Math.max(0, Math.ceil((result.reset - Date.now()) / 1000));
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(result.limit),
    "RateLimit-Remaining": String(result.remaining),
    "RateLimit-Reset": String(resetSeconds),
  };
  if (!result.success)
    headers["Retry-After"] = String(result.unavailable ? 30 : Math.max(1, resetSeconds));
  return headers;
}
