import { runJob, type ClaimedJob, type Outcome } from "./run-job";

export interface PoolOptions {
  workerId: string;
  /** Jobs making progress side by side. */
  concurrency: number;
  /**
   * A job running longer than this stops counting against `concurrency` (it is waiting on
   * something slow, usually another service), so one hung call holds a slot only this long.
   */
  slowJobMs: number;
  /** Hard cap on jobs in flight, slow ones included. */
  maxInFlight: number;
  now: () => Date;
  /** Recording a job's outcome failed (the database went away mid-job). */
  onError?: (error: unknown) => void;
}

export interface RunResult {
  completed: number;
  retried: number;
  dead: number;
}

interface Running {
  job: ClaimedJob;
  startedAt: number;
}

/**
 * The jobs one worker has in flight. Each claimed job runs and finishes on its own: nothing waits
 * for a batch, so a hung job holds one slot (for `slowJobMs`, then no slot at all, up to
 * `maxInFlight`) while the others keep claiming and finishing.
 */
export class JobPool {
  readonly totals: RunResult = { completed: 0, retried: 0, dead: 0 };
  private readonly running = new Map<string, Running>();
  private readonly stopController = new AbortController();
  private readonly settled = new Set<() => void>();
  private readonly promises = new Set<Promise<void>>();
  private settledCount = 0;

  constructor(private readonly options: PoolOptions) {}

  get size(): number {
    return this.running.size;
  }

  /**
   * How many jobs have settled so far. A claim that was in flight while this moved may have
   * missed a job the settled one unblocked (the next of its ordering key): claim again.
   */
  get settledJobs(): number {
    return this.settledCount;
  }

  /** How many more jobs may start now. */
  free(at = Date.now()): number {
    let busy = 0;
    for (const { startedAt } of this.running.values()) {
      if (at - startedAt < this.options.slowJobMs) busy += 1;
    }
    return Math.max(
      0,
      Math.min(this.options.concurrency - busy, this.options.maxInFlight - this.running.size),
    );
  }

  /** Ms until the next running job turns slow (frees its slot), or null if none will. */
  private nextSlowIn(at = Date.now()): number | null {
    let soonest: number | null = null;
    for (const { startedAt } of this.running.values()) {
      const left = startedAt + this.options.slowJobMs - at;
      if (left > 0 && (soonest === null || left < soonest)) soonest = left;
    }
    return soonest;
  }

  /** Start claimed jobs; each settles on its own and wakes `changed()` waiters. */
  start(jobs: ClaimedJob[], onOutcome?: (outcome: Outcome | "error") => void): void {
    for (const job of jobs) {
      this.running.set(job.id, { job, startedAt: Date.now() });
      const promise: Promise<void> = runJob(
        job,
        this.options.workerId,
        this.options.now,
        this.stopController.signal,
      )
        .then(
          (outcome) => {
            if (outcome !== "released") this.totals[outcome] += 1;
            onOutcome?.(outcome);
          },
          (error: unknown) => {
            // Recording the outcome failed (the database went away): the job stays leased and
            // is taken over when its lease ends.
            this.options.onError?.(error);
            onOutcome?.("error");
          },
        )
        .finally(() => {
          this.running.delete(job.id);
          this.promises.delete(promise);
          this.settledCount += 1;
          for (const wake of this.settled) wake();
        });
      this.promises.add(promise);
    }
  }

  /**
   * Resolves when a slot may have freed: a job settled or turned slow, or after `maxWaitMs`.
   */
  changed(maxWaitMs = 60_000): Promise<void> {
    return new Promise((resolve) => {
      const slowIn = this.nextSlowIn();
      const finish = () => {
        clearTimeout(timer);
        this.settled.delete(finish);
        resolve();
      };
      const timer = setTimeout(
        finish,
        Math.min(maxWaitMs, slowIn === null ? maxWaitMs : slowIn + 1),
      );
      this.settled.add(finish);
    });
  }

  /** Wait for every job in flight to settle. */
  async idle(): Promise<void> {
    while (this.promises.size > 0) await Promise.allSettled([...this.promises]);
  }

  /**
   * Shutdown: give running jobs up to `graceMs` to finish, then abort the rest and hand them back
   * to the queue at once (not after their lease).
   */
  async stop(graceMs: number): Promise<void> {
    if (this.promises.size > 0 && graceMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.idle(),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
    }
    this.stopController.abort();
    await this.idle();
  }
}
