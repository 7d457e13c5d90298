/**
 * Every job the queue knows, with its payload. Payloads are plain JSON and carry ids, never the
 * data itself: a handler re-reads current state, so a retried or late job acts on the truth.
 */
export interface JobPayloads {
  "email.send": { outboxId: string };
  "jobs.prune": Record<string, never>;
  "stripe.process-event": { eventId: string };
  "billing.sync-customer": { customerId: string; reason: string };
  "billing.reconcile": Record<string, never>;
  "billing.release-seats": { workspaceId: string };
  "revenue.activity": Record<string, never>;
  "revenue.rebuild": Record<string, never>;
  "backup.run": Record<string, never>;
  "backup.prune": Record<string, never>;
  /** Files whose rows are gone (a deleted problem, a failed post): removed from storage. */
  "storage.delete-objects": { bucket: "attachments" | "exports" | "backups"; paths: string[] };
}

export type JobName = keyof JobPayloads;

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The delay after the first failure; it doubles with each further failure … */
  baseDelayMs: number;
  /** … up to this. */
  maxDelayMs: number;
  /** A run that takes longer is abandoned and counts as a failed attempt. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 5_000,
  maxDelayMs: 15 * 60_000,
  timeoutMs: 60_000,
};

/**
 * Per-job retry policies. Kept apart from the handlers so that enqueueing (which records
 * max_attempts) never imports handler code.
 */
export const RETRY_POLICIES: { [N in JobName]?: Partial<RetryPolicy> } = {
  // Resend down for an hour must not lose mail: 20 attempts, 2 s doubling to a 15-minute cap,
  // span 1.4 to 2.8 hours with the jitter (well inside Resend's 24-hour idempotency window).
  "email.send": { maxAttempts: 20, baseDelayMs: 2_000, timeoutMs: 30_000 },
  "jobs.prune": { maxAttempts: 3 },
  // Stripe unreachable must not lose an event: retried for 7.7–15.4 hours (jitter), then dead
  // and visible; the hourly reconciliation converges the customer meanwhile anyway.
  "stripe.process-event": { maxAttempts: 25, baseDelayMs: 5_000, maxDelayMs: 60 * 60_000 },
  "billing.sync-customer": { maxAttempts: 10 },
  "billing.reconcile": { maxAttempts: 3 },
  "revenue.activity": { maxAttempts: 3, timeoutMs: 5 * 60_000 },
  // A full pass over the subscription history: seconds at a million rows.
  "revenue.rebuild": { maxAttempts: 3, timeoutMs: 15 * 60_000 },
  // A failed backup tries again after 5, 10 and 20 minutes (each failure reported to Sentry),
  // well inside the 6-hour interval; a dump of a large database may take a while.
  "backup.run": {
    maxAttempts: 4,
    baseDelayMs: 5 * 60_000,
    maxDelayMs: 30 * 60_000,
    timeoutMs: 60 * 60_000,
  },
  "backup.prune": { maxAttempts: 3 },
  // Storage down for hours must not leave files behind: about a day of retries.
  "storage.delete-objects": { maxAttempts: 25, baseDelayMs: 10_000, maxDelayMs: 60 * 60_000 },
};

export function retryPolicy(name: string): RetryPolicy {
  return { ...DEFAULT_RETRY, ...(RETRY_POLICIES as Record<string, Partial<RetryPolicy>>)[name] };
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so a burst of
 * failures (Resend down) spreads out when it comes back instead of retrying in lockstep.
 */
export function backoffDelay(policy: RetryPolicy, failedAttempts: number, random = Math.random) {
  const exponential = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1),
  );
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** A failure that retrying cannot fix (a 422 from Resend, a payload that no longer parses). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

/** A failure worth retrying, optionally after a delay the other side asked for (Retry-After). */
export class RetryableJobError extends Error {
  override name = "RetryableJobError";
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
