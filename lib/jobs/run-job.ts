import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { logger } from "@/lib/observability/logger";
import { reportError } from "@/lib/observability/report-error";
import { handlerFor, type JobContext } from "./registry";
import { backoffDelay, PermanentJobError, retryPolicy, RetryableJobError } from "./types";

export interface ClaimedJob extends Record<string, unknown> {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  request_id: string | null;
}

export type Outcome = "completed" | "retried" | "dead" | "released";

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2_000);
}

/**
 * Run `run` with an abort signal that fires after `timeoutMs`, or as soon as `stop` fires (the
 * worker is shutting down). Either way the promise settles at once: a handler that ignores its
 * signal can keep running in the background, but it no longer holds the job.
 */
async function withTimeout(
  run: (signal: AbortSignal) => Promise<void>,
  timeoutMs: number,
  stop?: AbortSignal,
): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onStop: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new RetryableJobError(`timed out after ${timeoutMs} ms`));
      reject(new RetryableJobError(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    onStop = () => {
      controller.abort(new JobReleasedError());
      reject(new JobReleasedError());
    };
    if (stop?.aborted) onStop();
    else stop?.addEventListener("abort", onStop, { once: true });
  });
  try {
    await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
    if (onStop) stop?.removeEventListener("abort", onStop);
  }
}

/** The worker is stopping and hands the job back to the queue (not a failed attempt). */
class JobReleasedError extends Error {
  override name = "JobReleasedError";
}

/** What Sentry receives when a job is marked dead: its name, attempts and last error. */
class JobGaveUpError extends Error {
  constructor(jobName: string, attempts: number, lastError: string) {
    super(`Job ${jobName} gave up after ${attempts} attempt(s): ${lastError}`);
    this.name = "JobGaveUpError";
  }
}

/**
 * Put a job this worker holds back in the queue, due now, without counting the attempt: another
 * worker (or this one after a restart) takes it at once instead of after its lease.
 */
export async function releaseJob(job: ClaimedJob, workerId: string, now: Date): Promise<void> {
  await db.execute(sql`
    update jobs set status = 'pending', run_at = ${now.toISOString()},
      attempts = greatest(attempts - 1, 0), updated_at = ${now.toISOString()},
      locked_by = null, locked_until = null
    where id = ${job.id} and locked_by = ${workerId} and status = 'running'`);
}

/**
 * Run one claimed job and record the outcome. Every update is guarded by `locked_by`, so a worker
 * whose lease was taken over never overwrites the new owner's result. `stop` aborts the run and
 * releases the job (shutdown).
 */
export async function runJob(
  job: ClaimedJob,
  workerId: string,
  now: () => Date,
  stop?: AbortSignal,
): Promise<Outcome> {
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
    await withTimeout(
      (signal) => handler(job.payload, { ...context, signal }),
      policy.timeoutMs,
      stop,
    );
    await db.execute(sql`
      update jobs set status = 'completed', completed_at = ${now().toISOString()},
        updated_at = ${now().toISOString()}, locked_by = null, locked_until = null, last_error = null
      where id = ${job.id} and locked_by = ${workerId}`);
    return "completed";
  } catch (error) {
    if (error instanceof JobReleasedError) {
      await releaseJob(job, workerId, now());
      logger.info(
        { requestId: job.request_id, job: { id: job.id, name: job.name } },
        `Job ${job.name} released: the worker is stopping`,
      );
      return "released";
    }
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
