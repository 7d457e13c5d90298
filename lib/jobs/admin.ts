import { and, asc, count, desc, eq, lte, min, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { jobs } from "@/lib/db/schema";
import { notifyEnqueued } from "./wake";
import { now as clockNow } from "@/lib/clock";

/** Depth and lag of the queue, for readiness checks and the operator console. */
export async function queueStats(now = clockNow()) {
  const [pending] = await db
    .select({ depth: count(), oldest: min(jobs.runAt) })
    .from(jobs)
    .where(and(eq(jobs.status, "pending"), lte(jobs.runAt, now)));
  const [dead] = await db.select({ count: count() }).from(jobs).where(eq(jobs.status, "dead"));
  const [running] = await db
    .select({ count: count() })
    .from(jobs)
    .where(eq(jobs.status, "running"));
  return {
    /** Jobs due now and not yet picked up. */
    due: pending?.depth ?? 0,
    oldestDueAgeMs: pending?.oldest ? Math.max(0, now.getTime() - pending.oldest.getTime()) : 0,
    running: running?.count ?? 0,
    dead: dead?.count ?? 0,
  };
}

/** Jobs that gave up, newest first: what failed, how often, and the last error. */
export async function listDeadJobs(limit = 50) {
  return db
    .select({
      id: jobs.id,
      name: jobs.name,
      payload: jobs.payload,
      attempts: jobs.attempts,
      lastError: jobs.lastError,
      createdAt: jobs.createdAt,
      updatedAt: jobs.updatedAt,
    })
    .from(jobs)
    .where(eq(jobs.status, "dead"))
    .orderBy(desc(jobs.updatedAt))
    .limit(limit);
}

/** Pending and running jobs, oldest first. */
export async function listPendingJobs(limit = 50) {
  return db
    .select({
      id: jobs.id,
      name: jobs.name,
      status: jobs.status,
      attempts: jobs.attempts,
      runAt: jobs.runAt,
      lastError: jobs.lastError,
    })
    .from(jobs)
    .where(sql`${jobs.status} in ('pending', 'running')`)
    .orderBy(asc(jobs.runAt))
    .limit(limit);
}

/** Give a dead job a fresh set of attempts, now. Returns false if it was not dead. */
export async function retryDeadJob(id: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "pending", attempts: 0, runAt: clockNow(), updatedAt: clockNow() })
    .where(and(eq(jobs.id, id), eq(jobs.status, "dead")))
    .returning({ id: jobs.id });
  if (rows.length > 0) notifyEnqueued();
  return rows.length > 0;
}

/** Drop a dead job for good. Returns false if it was not dead (a retried job is left alone). */
export async function discardDeadJob(id: string): Promise<boolean> {
  const rows = await db
    .delete(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.status, "dead")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Pending jobs by job type: how many are due now and how many wait in all. */
export async function queueDepthByName(now = clockNow()) {
  return db
    .select({
      name: jobs.name,
      due: sql<number>`count(*) filter (where ${jobs.runAt} <= ${now.toISOString()}::timestamptz)`.mapWith(
        Number,
      ),
      waiting: count(),
      oldest: min(jobs.runAt),
    })
    .from(jobs)
    .where(eq(jobs.status, "pending"))
    .groupBy(jobs.name)
    .orderBy(asc(jobs.name));
}
