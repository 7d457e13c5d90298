import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * `pending` (waiting for its run_at), `running` (leased by a worker until locked_until),
 * `completed`, or `dead` (gave up after its last attempt or a permanent error; kept for review
 * and a manual retry).
 */
export type JobStatus = "pending" | "running" | "completed" | "dead";

/**
 * The durable queue (lib/jobs). A job is written in the same transaction as the change that asks
 * for it, and claimed with `FOR UPDATE SKIP LOCKED`, so any number of workers share the table and
 * none runs a job while another holds its lease.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    /** Enqueue order; jobs that share an ordering key run strictly in this order. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    name: text("name").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    status: text("status").$type<JobStatus>().notNull().default("pending"),
    /** Jobs with one key (an email recipient, a Stripe customer) run one at a time, in order. */
    orderingKey: text("ordering_key"),
    /** Enqueueing a second job with a key already used is a no-op. */
    singletonKey: text("singleton_key"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** The request that enqueued the job, carried into its logs. */
    requestId: text("request_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("jobs_seq_idx").on(t.seq),
    uniqueIndex("jobs_singleton_key_idx").on(t.singletonKey),
    index("jobs_due_idx")
      .on(t.runAt, t.seq)
      .where(sql`${t.status} = 'pending'`),
    index("jobs_lease_idx")
      .on(t.lockedUntil)
      .where(sql`${t.status} = 'running'`),
    index("jobs_ordering_idx")
      .on(t.orderingKey, t.seq)
      .where(sql`${t.status} in ('pending', 'running')`),
    index("jobs_dead_idx")
      .on(t.updatedAt)
      .where(sql`${t.status} = 'dead'`),
  ],
).enableRLS();

export type Job = typeof jobs.$inferSelect;

/**
 * Cron schedules, defined in code (lib/jobs/schedules.ts) and mirrored here so that exactly one
 * instance enqueues each due run: the row's next_run_at moves forward in the same statement that
 * claims the run.
 */
export const jobSchedules = pgTable(
  "job_schedules",
  {
    name: text("name").primaryKey(),
    cron: text("cron").notNull(),
    jobName: text("job_name").notNull(),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
    lastRunAt: timestamp("last_run_at", { withTimezone: true }),
  },
  () => [],
).enableRLS();
