import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import { db, type Transaction } from "@/lib/db";
import { createId } from "@/lib/ids";
import { logger, type Logger } from "@/lib/observability/logger";
import { createOutageLog } from "@/lib/observability/outage-log";
import "./handlers";
import { JobPool, type RunResult } from "./job-pool";
import { runJob, type ClaimedJob } from "./run-job";
import { runSchedules } from "./schedules";
import { onEnqueued } from "./wake";
import { onShutdown } from "@/lib/process/graceful-shutdown.mjs";
import { now as clockNow } from "@/lib/clock";

export type { ClaimedJob } from "./run-job";
export type { RunResult } from "./job-pool";

export interface WorkerOptions {
  /** Names this worker in `locked_by`. */
  workerId?: string;
  /** Jobs run side by side (default 10). Each is claimed and finished on its own. */
  concurrency?: number;
  /**
   * A job running longer than this (default 1 s) no longer holds one of the `concurrency` slots,
   * so a hung call to another service cannot stall the queue; at most `maxInFlight` (default
   * 5 × concurrency) jobs run at once, slow ones included.
   */
  slowJobMs?: number;
  maxInFlight?: number;
  /**
   * How long a claimed job stays leased. A worker that dies mid-job leaves it leased; another
   * worker takes it over once the lease ends. Always longer than any job's timeout.
   */
  leaseMs?: number;
  now?: () => Date;
}

const DEFAULT_LEASE_MS = 2 * 60_000;
const DEFAULT_CONCURRENCY = 10;
const DEFAULT_SLOW_JOB_MS = 1_000;

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${createId("wkr").slice(4, 12)}`;
}

/**
 * Lease up to `limit` due jobs. A job whose lease has run out (its worker died) is due again. A
 * job with an ordering key is due only when no earlier job with that key is still pending or
 * running, and no other job with that key is running at all: a job whose row committed after a
 * later one's (its transaction was slower) waits for that one instead of running beside it. So
 * jobs sharing a key (one recipient's mail, one Stripe customer's convergences) never overlap.
 *
 * Claims are serialised by a transaction-level advisory lock, so each claim sees every earlier
 * claim's leases committed (without it, two workers claiming at once could each miss the other's
 * and start two jobs of one key). The claim is one short statement; `FOR UPDATE SKIP LOCKED`
 * still keeps it from waiting on rows a finishing job is updating. The lock is transaction-
 * scoped, so it works through Supabase's transaction pooler and on PGlite.
 */
export async function claimJobsIn(
  tx: Transaction,
  workerId: string,
  limit: number,
  now: Date,
  leaseMs: number,
): Promise<ClaimedJob[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('jobs:claim'))`);
  const rows = await tx.execute<ClaimedJob>(sql`
    update jobs
    set status = 'running', attempts = attempts + 1, locked_by = ${workerId},
        locked_until = ${leaseUntil.toISOString()}, updated_at = ${now.toISOString()}
    where id in (
      select j.id from jobs j
      where ((j.status = 'pending' and j.run_at <= ${now.toISOString()})
          or (j.status = 'running' and j.locked_until < ${now.toISOString()}))
        and (j.ordering_key is null or (
          not exists (
            select 1 from jobs earlier
            where earlier.ordering_key = j.ordering_key and earlier.seq < j.seq
              and earlier.status in ('pending', 'running'))
          and not exists (
            select 1 from jobs other
            where other.ordering_key = j.ordering_key and other.id <> j.id
              and other.status = 'running' and other.locked_until >= ${now.toISOString()})))
      order by j.run_at, j.seq
      limit ${limit}
      for update skip locked
    )
    returning id, name, payload, attempts, max_attempts, request_id`);
  return [...rows];
}

function claimJobs(workerId: string, limit: number, now: Date, leaseMs: number) {
  return db.transaction((tx) => claimJobsIn(tx, workerId, limit, now, leaseMs));
}

function createPool(
  options: WorkerOptions,
  workerId: string,
  onError?: (error: unknown) => void,
): JobPool {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  return new JobPool({
    workerId,
    concurrency,
    slowJobMs: options.slowJobMs ?? DEFAULT_SLOW_JOB_MS,
    maxInFlight: options.maxInFlight ?? concurrency * 5,
    now: options.now ?? clockNow,
    onError,
  });
}

/**
 * Claim one round of due jobs (up to `concurrency`) and wait for all of them (tests and scripts
 * that want one step; the worker and drains below never wait for a batch).
 */
export async function runDueJobs(options: WorkerOptions = {}): Promise<RunResult> {
  const now = options.now ?? clockNow;
  const workerId = options.workerId ?? defaultWorkerId();
  const claimed = await claimJobs(
    workerId,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    now(),
    options.leaseMs ?? DEFAULT_LEASE_MS,
  );
  const outcomes = await Promise.all(claimed.map((job) => runJob(job, workerId, now)));
  return {
    completed: outcomes.filter((o) => o === "completed").length,
    retried: outcomes.filter((o) => o === "retried").length,
    dead: outcomes.filter((o) => o === "dead").length,
  };
}

/** Lease up to `limit` due jobs for `workerId` (see claimJobsIn). */
export type ClaimFn = (
  workerId: string,
  limit: number,
  now: Date,
  leaseMs: number,
) => Promise<ClaimedJob[]>;

/**
 * Run due jobs until none is left or the deadline passes (cron route handlers, tests, scripts).
 * Jobs are claimed as slots free up, each finishing on its own, so a hung job never holds up the
 * others. Jobs that fail are rescheduled into the future, so a drain always ends; after the
 * deadline it claims nothing more and waits for the jobs in flight (each bounded by its timeout).
 */
export function drainJobs(
  options: WorkerOptions & { deadline?: number; schedules?: boolean } = {},
): Promise<RunResult> {
  return drainWith(claimJobs, options);
}

/**
 * drainJobs with the claim passed in: tests wrap the real claim to force the interleavings a
 * drain must survive (a job finishing while a claim is in flight).
 */
export async function drainWith(
  claim: ClaimFn,
  options: WorkerOptions & { deadline?: number; schedules?: boolean } = {},
): Promise<RunResult> {
  const now = options.now ?? clockNow;
  const workerId = options.workerId ?? defaultWorkerId();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pool = createPool(options, workerId);
  if (options.schedules) await runSchedules(now());
  try {
    for (;;) {
      if (options.deadline !== undefined && Date.now() >= options.deadline) break;
      const free = pool.free();
      const settledBefore = pool.settledJobs;
      const claimed = free > 0 ? await claim(workerId, free, now(), leaseMs) : [];
      pool.start(claimed);
      // A job that finished while the claim was in flight may have unblocked the next job of its
      // ordering key, which that claim's snapshot could not see yet. Claim again before deciding
      // that nothing is left (stopping here left a Stripe customer's later events unapplied).
      if (pool.settledJobs !== settledBefore) continue;
      if (claimed.length === 0 && pool.size === 0) break;
      // Nothing more due, or no slot free: wait until a job settles or turns slow.
      if (claimed.length < free || pool.free() === 0) {
        const left = options.deadline === undefined ? undefined : options.deadline - Date.now();
        await pool.changed(left === undefined ? undefined : Math.max(left, 0));
      }
    }
  } finally {
    await pool.idle();
  }
  return { ...pool.totals };
}

export interface RunningWorker {
  /**
   * Stop claiming, give running jobs up to `graceMs` (default 5 s) to finish, then abort the rest
   * and put them back in the queue, due at once, so another instance takes them without waiting
   * for their lease.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/**
 * The in-process worker of a long-running server (`next start`, `npm run dev`): keeps up to
 * `concurrency` jobs running, claims another as soon as one finishes (or turns slow), wakes at
 * once when this process enqueues one, polls otherwise, and runs the cron schedules.
 */
export function startWorker(
  options: WorkerOptions & { pollMs?: number; stopOnSignals?: boolean; logger?: Logger } = {},
): RunningWorker {
  const workerId = options.workerId ?? defaultWorkerId();
  const now = options.now ?? clockNow;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? 1_000;
  // During a database outage every poll fails: log going down, still down each minute, recovered.
  const outage = createOutageLog("Job worker", {
    logger: (options.logger ?? logger).child({ workerId }),
  });
  const pool = createPool(options, workerId, (error) => outage.failed(error));
  let stopped = false;
  let filling: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  let lastSchedules = 0;

  /** Fill free slots `delay` ms from now (an earlier wake-up wins). */
  const wake = (delay: number) => {
    if (stopped) return;
    if (filling) {
      if (delay === 0) again = true;
      return;
    }
    const at = Date.now() + delay;
    if (timer && at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      filling = fill().finally(() => {
        filling = null;
        scheduleNext();
      });
    }, delay);
  };

  /**
   * After a fill: at once if something was enqueued meanwhile; else as soon as a running job
   * settles or turns slow (a slot frees), or at the next poll.
   */
  const scheduleNext = () => {
    if (again) {
      again = false;
      wake(0);
    } else if (pool.size > 0) {
      void pool.changed(pollMs).then(() => wake(0));
    } else {
      wake(pollMs);
    }
  };

  const fill = async () => {
    try {
      if (Date.now() - lastSchedules >= 15_000) {
        lastSchedules = Date.now();
        await runSchedules();
      }
      const free = pool.free();
      const settledBefore = pool.settledJobs;
      if (free > 0) pool.start(await claimJobs(workerId, free, now(), leaseMs));
      // A job that finished meanwhile may have unblocked the next of its ordering key: fill
      // again at once rather than at the next poll.
      if (pool.settledJobs !== settledBefore) again = true;
      outage.ok();
    } catch (error) {
      outage.failed(error);
    }
  };

  const unsubscribe = onEnqueued(() => wake(5));
  wake(0);

  let stopping: Promise<void> | null = null;
  const worker: RunningWorker = {
    stop({ graceMs = 5_000 } = {}) {
      stopping ??= (async () => {
        stopped = true;
        clearTimeout(timer);
        unsubscribe();
        await filling;
        await pool.stop(graceMs);
      })();
      return stopping;
    },
  };
  if (options.stopOnSignals) {
    // Stop claiming at once on the signal; the server (scripts/serve.mjs) waits for the stop
    // through its shutdown hook before it exits.
    for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
      process.once(signal, () => void worker.stop());
    }
    onShutdown(() => worker.stop());
  }
  return worker;
}
