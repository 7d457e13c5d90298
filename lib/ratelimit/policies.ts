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
  /**
   * Sign-in attempts per client address. (5 a minute was Better Auth's own limit, which used to
   * answer first; ours is now the only one.)
   */
  "auth:sign-in:ip": { limit: 5, windowSeconds: 60, failClosed: true },
  /** Sign-in attempts per account, from any address (stops distributed guessing). */
  "auth:sign-in:account": { limit: 10, windowSeconds: 300, failClosed: true },
  "auth:sign-up:ip": { limit: 5, windowSeconds: 300, failClosed: true },
  /** Requests for a password reset, magic link or verification email, per client address. */
  "auth:email:ip": { limit: 5, windowSeconds: 300, failClosed: true },
  /**
   * Reset, magic-link, verification and "you already have an account" emails actually sent to
   * one address (lower-cased), whoever asks: stops anyone flooding a mailbox from many addresses.
   */
  "auth:email:recipient": { limit: 5, windowSeconds: 3600, failClosed: true },
  /** Setting a password from a reset link, changing the password or the email, per address. */
  "auth:credential-change:ip": { limit: 5, windowSeconds: 300, failClosed: true },
  /**
   * Following an emailed link (verification, magic link, reset landing), per address. The tokens
   * cannot be guessed; this bounds the load, so it fails open.
   */
  "auth:link:ip": { limit: 5, windowSeconds: 60, failClosed: false },
  /** Any other auth endpoint (session reads, sign-out, …), per address and endpoint. */
  "auth:request:ip": { limit: 100, windowSeconds: 60, failClosed: false },
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
