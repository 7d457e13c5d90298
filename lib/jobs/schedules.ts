import { Cron } from "croner";
import { and, eq, lte, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { jobSchedules } from "@/lib/db/schema";
import { enqueue } from "./enqueue";
import type { JobName } from "./types";
import { now as clockNow } from "@/lib/clock";

interface Schedule {
  name: string;
  /** Five-field cron, in UTC. */
  cron: string;
  job: JobName;
}

/** Recurring work. Add a line here; the table mirrors it on the next tick. */
export const SCHEDULES: Schedule[] = [
  { name: "prune-jobs", cron: "17 3 * * *", job: "jobs.prune" },
  { name: "reconcile-billing", cron: "41 * * * *", job: "billing.reconcile" },
  { name: "revenue-activity", cron: "53 * * * *", job: "revenue.activity" },
  { name: "revenue-rebuild", cron: "37 2 * * *", job: "revenue.rebuild" },
  // Encrypted database backups every 6 hours, and retention pruning once a day (lib/backup).
  { name: "backup", cron: "23 */6 * * *", job: "backup.run" },
  { name: "prune-backups", cron: "47 4 * * *", job: "backup.prune" },
];

export function nextRun(cron: string, after: Date): Date {
  const next = new Cron(cron, { timezone: "UTC", paused: true }).nextRun(after);
  if (!next) throw new Error(`Cron "${cron}" has no future run`);
  return next;
}

let mirrored = false;

async function mirrorSchedules(now: Date) {
  for (const schedule of SCHEDULES) {
    await db
      .insert(jobSchedules)
      .values({
        name: schedule.name,
        cron: schedule.cron,
        jobName: schedule.job,
        nextRunAt: nextRun(schedule.cron, now),
      })
      .onConflictDoUpdate({
        target: jobSchedules.name,
        set: {
          jobName: schedule.job,
          cron: schedule.cron,
          // A changed expression takes effect from now; an unchanged one keeps its next run.
          nextRunAt: sql`case when ${jobSchedules.cron} = excluded.cron then ${jobSchedules.nextRunAt} else excluded.next_run_at end`,
        },
      });
  }
  mirrored = true;
}

/**
 * Enqueue every schedule that is due. Any number of instances may call this at once: each due run
 * is claimed by moving next_run_at forward with a compare-and-set, in the same transaction as the
 * enqueue, so it is enqueued exactly once. A run missed while nothing was running is enqueued once
 * on the next tick, not once per missed slot.
 */
export async function runSchedules(now = clockNow()): Promise<number> {
  if (!mirrored) await mirrorSchedules(now);
  const due = await db.select().from(jobSchedules).where(lte(jobSchedules.nextRunAt, now));
  let enqueued = 0;
  for (const schedule of due) {
    const next = nextRun(schedule.cron, now);
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(jobSchedules)
        .set({ nextRunAt: next, lastRunAt: now })
        .where(
          and(eq(jobSchedules.name, schedule.name), eq(jobSchedules.nextRunAt, schedule.nextRunAt)),
        )
        .returning({ name: jobSchedules.name });
      if (claimed.length === 0) return;
      await enqueue(schedule.jobName as JobName, {} as never, {
        tx,
        singletonKey: `cron:${schedule.name}:${schedule.nextRunAt.toISOString()}`,
      });
      enqueued += 1;
    });
  }
  return enqueued;
}

/** For tests that start from an empty database in one process. */
export function resetScheduleMirror() {
  mirrored = false;
}
