import { and, count, desc, eq, gte, lte, sql } from "drizzle-orm";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { billingCustomerConflicts, emailOutbox, stripeEvents } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { listDeadJobs, queueOverview } from "@/lib/jobs/admin";
import { checkReadiness } from "@/lib/observability/check-readiness";
import packageJson from "@/package.json";
import type { AdminPrincipal } from "./require-platform-admin";

/** How many rows each list of the health page shows (every query is bounded). */
export const HEALTH_LIMITS = { deadJobs: 50, webhookFailures: 20, conflicts: 20 };
/** A ledgered Stripe event still pending after this long is worth a look. */
export const STUCK_WEBHOOK_MS = 10 * 60_000;

const DAY_MS = 24 * 60 * 60_000;

/** Emails per status over the last 24 hours and the last 7 days, in one query. */
async function deliveryCounts(now: Date) {
  const day = new Date(now.getTime() - DAY_MS).toISOString();
  const rows = await db
    .select({
      status: emailOutbox.status,
      day: sql<number>`count(*) filter (where ${emailOutbox.createdAt} >= ${day}::timestamptz)`.mapWith(
        Number,
      ),
      week: count(),
    })
    .from(emailOutbox)
    .where(gte(emailOutbox.createdAt, new Date(now.getTime() - 7 * DAY_MS)))
    .groupBy(emailOutbox.status);
  const tally = (pick: (row: (typeof rows)[number]) => number) =>
    Object.fromEntries(
      rows.filter((row) => pick(row) > 0).map((row) => [row.status, pick(row)]),
    ) as Record<string, number>;
  return { day: tally((row) => row.day), week: tally((row) => row.week) };
}

/**
 * The live state of the system for the console: database and Redis reachable (with latency),
 * the job queue (depth per job type, oldest due job, dead jobs with payload and error), the
 * Stripe webhook ledger (failed and long-pending events), billing customer conflicts, email
 * delivery over 24 hours and 7 days, backups, and the running version. Business time from
 * lib/clock.ts.
 */
export async function getSystemHealth(_admin: AdminPrincipal) {
  const now = clockNow();
  // One jobs query serves the queue section and readiness's queue check.
  const queue = queueOverview(now);
  const readiness = await checkReadiness({ probes: { queue: () => queue.then((q) => q.stats) } });
  const [{ stats, byName }, deadJobs, webhookFailures, stuckWebhooks, conflicts, email] =
    await Promise.all([
      queue,
      listDeadJobs(HEALTH_LIMITS.deadJobs),
      db
        .select({
          id: stripeEvents.id,
          type: stripeEvents.type,
          customerId: stripeEvents.customerId,
          receivedAt: stripeEvents.receivedAt,
          attempts: stripeEvents.attempts,
          lastError: stripeEvents.lastError,
        })
        .from(stripeEvents)
        .where(eq(stripeEvents.status, "failed"))
        .orderBy(desc(stripeEvents.receivedAt))
        .limit(HEALTH_LIMITS.webhookFailures),
      db
        .select({ n: count() })
        .from(stripeEvents)
        .where(
          and(
            eq(stripeEvents.status, "pending"),
            lte(stripeEvents.receivedAt, new Date(now.getTime() - STUCK_WEBHOOK_MS)),
          ),
        ),
      db
        .select()
        .from(billingCustomerConflicts)
        .orderBy(desc(billingCustomerConflicts.lastSeenAt))
        .limit(HEALTH_LIMITS.conflicts),
      deliveryCounts(now),
    ]);
  return {
    checkedAt: now,
    database: readiness.checks.database,
    redis: readiness.checks.redis,
    queue: { ...stats, byName },
    deadJobs,
    webhookFailures,
    stuckWebhooks: stuckWebhooks[0]?.n ?? 0,
    conflicts,
    email,
    backup: readiness.checks.backup,
    version: {
      app: packageJson.version,
      // SENTRY_RELEASE defaults to VERCEL_GIT_COMMIT_SHA (lib/env.ts).
      release: env.SENTRY_RELEASE ?? null,
    },
  };
}

export type SystemHealth = Awaited<ReturnType<typeof getSystemHealth>>;
