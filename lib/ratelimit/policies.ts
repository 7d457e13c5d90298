/**
 * Named rate-limit policies. `failClosed` policies guard accounts (sign-in, sign-up, resets): when
 * Redis is down they refuse with 503 rather than let guessing run unlimited. The others fail open
 * to a limiter kept in this process, so a Redis outage never blocks reading or posting.
 */
export interface Policy {
  limit: number;
  /** Window length in seconds (sliding window). */
  windowSeconds: number;
  failClosed: boolean;
}

export const POLICIES = {
  /** Sign-in attempts per client address. */
  "auth:sign-in:ip": { limit: 10, windowSeconds: 60, failClosed: true },
  /** Sign-in attempts per account, from any address (stops distributed guessing). */
  "auth:sign-in:account": { limit: 10, windowSeconds: 300, failClosed: true },
  "auth:sign-up:ip": { limit: 5, windowSeconds: 300, failClosed: true },
  /** Password reset, magic link and verification emails per client address. */
  "auth:email:ip": { limit: 5, windowSeconds: 300, failClosed: true },
  /** Posts, comments, votes and reports, per signed-in user. */
  "public:write:user": { limit: 60, windowSeconds: 60, failClosed: false },
  /** The same per client address (several accounts behind one address). */
  "public:write:ip": { limit: 120, windowSeconds: 60, failClosed: false },
  /**
   * Webhook deliveries (Stripe, Resend) that fail signature verification, per sending address.
   * Verified deliveries are never limited (lib/ratelimit/limit-webhooks.ts); this is generous so
   * a secret being rotated never locks a provider out, and both providers retry a 429.
   */
  "webhook:unverified:ip": { limit: 100, windowSeconds: 60, failClosed: false },
  /** Enterprise "Contact sales" enquiries from /pricing, per client address. */
  "sales:inquiry:ip": { limit: 5, windowSeconds: 600, failClosed: false },
} as const satisfies Record<string, Policy>;

export type PolicyName = keyof typeof POLICIES;
