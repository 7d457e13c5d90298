import { and, eq, lt } from "drizzle-orm";
import { db } from "@/lib/db";
import { jobs } from "@/lib/db/schema";
import { defineJob } from "./registry";
import { now as clockNow } from "@/lib/clock";

const KEEP_COMPLETED_MS = 7 * 24 * 60 * 60_000;

/**
 * Completed jobs are kept a week for reading, then deleted. Dead jobs stay until someone retries
 * or deletes them; singleton keys of deleted jobs become free again, which is why they carry a
 * date or an event id.
 */
defineJob("jobs.prune", async () => {
  await db
    .delete(jobs)
    .where(
      and(
        eq(jobs.status, "completed"),
        lt(jobs.completedAt, new Date(clockNow().getTime() - KEEP_COMPLETED_MS)),
      ),
    );
});
