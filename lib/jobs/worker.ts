import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import { db, type Transaction } from "@/lib/db";
import { createId } from "@/lib/ids";
import { logger } from "@/lib/observability/logger";
import { reportError } from "@/lib/observability/report-error";
import "./handlers";
import { handlerFor, type JobContext } from "./registry";
import { runSchedules } from "./schedules";
import { backoffDelay, PermanentJobError, retryPolicy, RetryableJobError } from "./types";
import { onEnqueued } from "./wake";
import { now as clockNow } from "@/lib/clock";

export interface ClaimedJob extends Record<string, unknown> {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  request_id: string | null;
}

export interface WorkerOptions {
  /** Names this worker in `locked_by`. */
  workerId?: string;
  /** Jobs claimed per round trip and run side by side. */
  batchSize?: number;
  /**
   * How long a claimed job stays leased. A worker that dies mid-job leaves it leased; another
   * worker takes it over once the lease ends. Always longer than any job's timeout.
   */
  leaseMs?: number;
  now?: () => Date;
}

export interface RunResult {
  completed: number;
  retried: number;
  dead: number;
}

const DEFAULT_LEASE_MS = 2 * 60_000;

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

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2_000);
}

async function withTimeout(
  run: (signal: AbortSignal) => Promise<void>,
  timeoutMs: number,
): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new RetryableJobError(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type Outcome = "completed" | "retried" | "dead";

/** What Sentry receives when a job is marked dead: its name, attempts and last error. */
class JobGaveUpError extends Error {
  constructor(jobName: string, attempts: number, lastError: string) {
    super(`Job ${jobName} gave up after ${attempts} attempt(s): ${lastError}`);
    this.name = "JobGaveUpError";
  }
}

/**
 * Run one claimed job and record the outcome. Every update is guarded by `locked_by`, so a worker
 * whose lease was taken over never overwrites the new owner's result.
 */
async function runJob(job: ClaimedJob, workerId: string, now: () => Date): Promise<Outcome> {
  const policy = retryPolicy(job.name);
  const handler = handlerFor(job.name);
  const context: Omit<JobContext, "signal"> = {
    job: {
      id: job.id,
      name: job.name,
      attempts: job.attempts,
      maxAttempts: job.max_attempts,
      requestId: job.request_id,
    },
  };
  try {
    if (!handler) throw new PermanentJobError(`no handler is registered for "${job.name}"`);
    await withTimeout((signal) => handler(job.payload, { ...context, signal }), policy.timeoutMs);
    await db.execute(sql`
      update jobs set status = 'completed', completed_at = ${now().toISOString()},
        updated_at = ${now().toISOString()}, locked_by = null, locked_until = null, last_error = null
      where id = ${job.id} and locked_by = ${workerId}`);
    return "completed";
  } catch (error) {
    const message = describe(error);
    const permanent = error instanceof PermanentJobError;
    if (permanent || job.attempts >= job.max_attempts) {
      await db.execute(sql`
        update jobs set status = 'dead', last_error = ${message}, updated_at = ${now().toISOString()},
          locked_by = null, locked_until = null
        where id = ${job.id} and locked_by = ${workerId}`);
      logger.error(
        {
          requestId: job.request_id,
          job: { id: job.id, name: job.name, attempts: job.attempts },
          error: message,
        },
        `Job ${job.name} gave up after ${job.attempts} attempt(s)`,
      );
      // One Sentry issue per job name (alert rules: docs/monitoring.md).
      reportError(new JobGaveUpError(job.name, job.attempts, message), {
        requestId: job.request_id,
        tags: { job: job.name, job_id: job.id },
        fingerprint: ["job-gave-up", job.name],
      });
      return "dead";
    }
    const requested = error instanceof RetryableJobError ? (error.retryAfterMs ?? 0) : 0;
    const delay = Math.max(requested, backoffDelay(policy, job.attempts));
    const runAt = new Date(now().getTime() + delay);
    await db.execute(sql`
      update jobs set status = 'pending', run_at = ${runAt.toISOString()}, last_error = ${message},
        updated_at = ${now().toISOString()}, locked_by = null, locked_until = null
      where id = ${job.id} and locked_by = ${workerId}`);
    logger.warn(
      {
        requestId: job.request_id,
        job: { id: job.id, name: job.name, attempts: job.attempts },
        error: message,
        retryInMs: delay,
      },
      `Job ${job.name} failed; retrying`,
    );
    return "retried";
  }
}

/** Claim and run one batch of due jobs. */
export async function runDueJobs(options: WorkerOptions = {}): Promise<RunResult> {
  const now = options.now ?? clockNow;
  const workerId = options.workerId ?? defaultWorkerId();
  const claimed = await claimJobs(
    workerId,
    options.batchSize ?? 10,
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

/**
 * Run due jobs until none is left or the deadline passes (cron route handlers, tests, scripts).
 * Jobs that fail are rescheduled into the future, so a drain always ends.
 */
export async function drainJobs(
  options: WorkerOptions & { deadline?: number; schedules?: boolean } = {},
): Promise<RunResult> {
  const total: RunResult = { completed: 0, retried: 0, dead: 0 };
  if (options.schedules) await runSchedules((options.now ?? clockNow)());
  for (;;) {
    if (options.deadline !== undefined && Date.now() >= options.deadline) break;
    const result = await runDueJobs(options);
    total.completed += result.completed;
    total.retried += result.retried;
    total.dead += result.dead;
    if (result.completed + result.retried + result.dead === 0) break;
  }
  return total;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/**
 * The in-process worker of a long-running server (`next start`, `npm run dev`): polls for due
 * jobs, wakes at once when this process enqueues one, and runs the cron schedules each minute.
 */
export function startWorker(
  options: WorkerOptions & { pollMs?: number; stopOnSignals?: boolean } = {},
): RunningWorker {
  const workerId = options.workerId ?? defaultWorkerId();
  const pollMs = options.pollMs ?? 1_000;
  let stopped = false;
  let running = false;
  let wokenWhileRunning = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let lastSchedules = 0;

  const wake = (delay: number) => {
    if (stopped) return;
    if (running) {
      wokenWhileRunning = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      current = tick();
    }, delay);
  };

  const tick = async () => {
    running = true;
    let busy = false;
    try {
      if (Date.now() - lastSchedules >= 15_000) {
        lastSchedules = Date.now();
        await runSchedules();
      }
      const result = await runDueJobs({ ...options, workerId });
      busy = result.completed + result.retried + result.dead > 0;
    } catch (error) {
      logger.error({ workerId, err: error }, "Job worker round failed");
    }
    running = false;
    const again = busy || wokenWhileRunning;
    wokenWhileRunning = false;
    wake(again ? 0 : pollMs);
  };

  const unsubscribe = onEnqueued(() => wake(5));
  wake(0);

  const worker = {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      // Let the running batch finish; its leases would otherwise hold its jobs for minutes.
      await current;
    },
  };
  if (options.stopOnSignals) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => void worker.stop());
    }
  }
  return worker;
}
