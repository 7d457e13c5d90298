import { and, asc, count, desc, eq, inArray, min, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { jobs } from "@/lib/db/schema";
import { notifyEnqueued } from "./wake";
import { now as clockNow } from "@/lib/clock";

/** Depth and lag of the queue, for readiness checks and the operator console. One query. */
export async function queueStats(now = clockNow()) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db
    .select({
      due: sql<number>`count(*) filter (where ${jobs.status} = 'pending' and ${jobs.runAt} <= ${at})`.mapWith(
        Number,
      ),
      oldest: sql<
        string | null
      >`min(${jobs.runAt}) filter (where ${jobs.status} = 'pending' and ${jobs.runAt} <= ${at})`,
      running: sql<number>`count(*) filter (where ${jobs.status} = 'running')`.mapWith(Number),
      dead: sql<number>`count(*) filter (where ${jobs.status} = 'dead')`.mapWith(Number),
    })
    .from(jobs)
    .where(inArray(jobs.status, ["pending", "running", "dead"]));
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return {
    /** Jobs due now and not yet picked up. */
    due: row?.due ?? 0,
    oldestDueAgeMs: oldest ? Math.max(0, now.getTime() - oldest.getTime()) : 0,
    running: row?.running ?? 0,
    dead: row?.dead ?? 0,
  };
}

/**
 * queueStats and queueDepthByName from one query (the console's health page): pending jobs per
 * job type with how many are due, and the running and dead counts.
 */
export async function queueOverview(now = clockNow()) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await db
    .select({
      name: jobs.name,
      status: jobs.status,
      due: sql<number>`count(*) filter (where ${jobs.runAt} <= ${at})`.mapWith(Number),
      count: count(),
      oldest: min(jobs.runAt),
    })
    .from(jobs)
    .where(inArray(jobs.status, ["pending", "running", "dead"]))
    .groupBy(jobs.name, jobs.status)
    .orderBy(asc(jobs.name));
  const pending = rows.filter((row) => row.status === "pending");
  const sum = (status: string) =>
    rows.filter((row) => row.status === status).reduce((total, row) => total + row.count, 0);
  // The oldest pending job is the oldest due one whenever it is due at all.
  const oldestDue = pending
    .filter((row) => row.due > 0 && row.oldest)
    .reduce<Date | null>(
      (oldest, row) => (!oldest || row.oldest! < oldest ? row.oldest : oldest),
      null,
    );
  return {
    stats: {
      due: pending.reduce((total, row) => total + row.due, 0),
      oldestDueAgeMs: oldestDue ? Math.max(0, now.getTime() - oldestDue.getTime()) : 0,
      running: sum("running"),
      dead: sum("dead"),
    },
    byName: pending.map((row) => ({
      name: row.name,
      due: row.due,
      waiting: row.count,
      oldest: row.oldest,
    })),
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
