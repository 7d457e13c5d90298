import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { jobs, jobSchedules } from "@/lib/db/schema";
import { enqueue } from "@/lib/jobs";
import { listDeadJobs, queueStats, retryDeadJob } from "@/lib/jobs/admin";
import { defineJob } from "@/lib/jobs/registry";
import { resetScheduleMirror, runSchedules } from "@/lib/jobs/schedules";
import { backoffDelay, PermanentJobError, retryPolicy, RETRY_POLICIES } from "@/lib/jobs/types";
import { drainJobs, runDueJobs } from "@/lib/jobs/worker";

declare module "@/lib/jobs/types" {
  interface JobPayloads {
    "test.record": { label: string; failTimes?: number; permanent?: boolean };
  }
}

/** What the test handler saw, in order: one entry per run. */
const runs: { label: string; attempt: number }[] = [];

defineJob("test.record", async ({ label, failTimes = 0, permanent }, { job }) => {
  runs.push({ label, attempt: job.attempts });
  if (permanent) throw new PermanentJobError(`${label} can never work`);
  if (job.attempts <= failTimes) throw new Error(`${label} failed on attempt ${job.attempts}`);
});
RETRY_POLICIES["test.record"] = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 };

async function jobRow(id: string) {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

beforeEach(async () => {
  runs.length = 0;
  await db.delete(jobs).where(sql`true`);
});

describe("the job queue", () => {
  it("writes a job only when the enqueueing transaction commits", async () => {
    await expect(
      db.transaction(async (tx) => {
        await enqueue("test.record", { label: "rolled back" }, { tx });
        throw new Error("the business write failed");
      }),
    ).rejects.toThrow("the business write failed");
    await db.transaction(async (tx) => {
      await enqueue("test.record", { label: "committed" }, { tx });
    });

    await drainJobs();
    expect(runs.map((r) => r.label)).toEqual(["committed"]);
  });

  it("runs a job once and keeps it as completed", async () => {
    const id = await enqueue("test.record", { label: "once" });
    expect(await drainJobs()).toEqual({ completed: 1, retried: 0, dead: 0 });
    expect(await drainJobs()).toEqual({ completed: 0, retried: 0, dead: 0 });
    expect(runs).toEqual([{ label: "once", attempt: 1 }]);
    expect(await jobRow(id!)).toMatchObject({ status: "completed", attempts: 1, lockedBy: null });
  });

  it("ignores a second enqueue with the same singleton key", async () => {
    expect(
      await enqueue("test.record", { label: "a" }, { singletonKey: "only-once" }),
    ).toBeTruthy();
    expect(await enqueue("test.record", { label: "b" }, { singletonKey: "only-once" })).toBeNull();
    await drainJobs();
    expect(runs.map((r) => r.label)).toEqual(["a"]);
  });

  it("retries failures with growing, jittered delays and records the last error", async () => {
    let now = new Date();
    const clock = () => now;
    const id = await enqueue("test.record", { label: "flaky", failTimes: 2 }, { runAt: now });

    expect(await runDueJobs({ now: clock })).toMatchObject({ retried: 1 });
    const first = await jobRow(id!);
    const firstDelay = first.runAt.getTime() - now.getTime();
    // Attempt 1 failed: between half and all of the 1 s base delay.
    expect(firstDelay).toBeGreaterThanOrEqual(500);
    expect(firstDelay).toBeLessThanOrEqual(1_000);
    expect(first).toMatchObject({ status: "pending", attempts: 1 });
    expect(first.lastError).toContain("flaky failed on attempt 1");

    // Not due yet: nothing runs.
    expect(await runDueJobs({ now: clock })).toMatchObject({ retried: 0, completed: 0 });

    now = first.runAt;
    expect(await runDueJobs({ now: clock })).toMatchObject({ retried: 1 });
    const second = await jobRow(id!);
    const secondDelay = second.runAt.getTime() - now.getTime();
    expect(secondDelay).toBeGreaterThanOrEqual(1_000);
    expect(secondDelay).toBeLessThanOrEqual(2_000);

    now = second.runAt;
    expect(await runDueJobs({ now: clock })).toMatchObject({ completed: 1 });
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(await jobRow(id!)).toMatchObject({ status: "completed", lastError: null });
  });

  it("caps the backoff and spreads it with jitter", () => {
    const policy = retryPolicy("email.send");
    expect(backoffDelay(policy, 1, () => 0)).toBe(1_000);
    expect(backoffDelay(policy, 1, () => 1)).toBe(2_000);
    expect(backoffDelay(policy, 30, () => 1)).toBe(policy.maxDelayMs);
    expect(backoffDelay(policy, 30, () => 0)).toBe(policy.maxDelayMs / 2);
  });

  it("dead-letters a job after its last attempt, shows it, and can run it again", async () => {
    let now = new Date();
    const id = await enqueue("test.record", { label: "doomed", failTimes: 99 }, { runAt: now });
    for (let attempt = 1; attempt <= 4; attempt++) {
      await runDueJobs({ now: () => now });
      now = (await jobRow(id!)).runAt;
    }
    expect(await jobRow(id!)).toMatchObject({ status: "dead", attempts: 4 });
    const dead = await listDeadJobs();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ id, name: "test.record", attempts: 4 });
    expect(dead[0]!.lastError).toContain("failed on attempt 4");
    expect((await queueStats()).dead).toBe(1);

    expect(await retryDeadJob(id!)).toBe(true);
    expect(await jobRow(id!)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await retryDeadJob(id!)).toBe(false);
  });

  it("gives up at once on a permanent error", async () => {
    const id = await enqueue("test.record", { label: "bad payload", permanent: true });
    expect(await drainJobs()).toEqual({ completed: 0, retried: 0, dead: 1 });
    expect(await jobRow(id!)).toMatchObject({ status: "dead", attempts: 1 });
    expect((await jobRow(id!)).lastError).toContain("can never work");
  });

  it("runs jobs that share an ordering key strictly in order, even across retries", async () => {
    let now = new Date();
    const clock = () => now;
    await enqueue("test.record", { label: "a1", failTimes: 1 }, { orderingKey: "a", runAt: now });
    await enqueue("test.record", { label: "a2" }, { orderingKey: "a", runAt: now });
    await enqueue("test.record", { label: "b1" }, { orderingKey: "b", runAt: now });

    await runDueJobs({ now: clock });
    // a1 failed and waits for its retry; a2 must wait behind it; b1 is independent.
    expect(runs.map((r) => r.label).sort()).toEqual(["a1", "b1"]);
    await runDueJobs({ now: clock });
    expect(runs.map((r) => r.label)).not.toContain("a2");

    now = new Date(now.getTime() + 60_000);
    await drainJobs({ now: clock });
    const order = runs.map((r) => r.label).filter((label) => label.startsWith("a"));
    expect(order).toEqual(["a1", "a1", "a2"]);
  });

  it("takes over a job whose worker died mid-run once the lease runs out", async () => {
    const now = new Date();
    const id = await enqueue("test.record", { label: "orphan" }, { runAt: now });
    // A worker claimed it and vanished: the row is leased until a minute from now.
    await db
      .update(jobs)
      .set({
        status: "running",
        attempts: 1,
        lockedBy: "dead-worker",
        lockedUntil: new Date(now.getTime() + 60_000),
      })
      .where(eq(jobs.id, id!));

    expect(await runDueJobs({ now: () => now })).toMatchObject({ completed: 0 });
    const later = new Date(now.getTime() + 61_000);
    expect(await runDueJobs({ now: () => later })).toMatchObject({ completed: 1 });
    expect(runs).toEqual([{ label: "orphan", attempt: 2 }]);
  });

  it("never runs one job twice when several drains run at once", async () => {
    const labels = Array.from({ length: 60 }, (_, i) => `job-${i}`);
    for (const label of labels) await enqueue("test.record", { label });
    await Promise.all([1, 2, 3, 4].map((n) => drainJobs({ workerId: `w${n}`, concurrency: 5 })));
    expect(runs.map((r) => r.label).sort()).toEqual([...labels].sort());
  });

  it("reports queue depth and the age of the oldest due job", async () => {
    const now = new Date();
    await enqueue("test.record", { label: "old" }, { runAt: new Date(now.getTime() - 30_000) });
    await enqueue("test.record", { label: "later" }, { runAt: new Date(now.getTime() + 30_000) });
    expect(await queueStats(now)).toMatchObject({ due: 1, oldestDueAgeMs: 30_000, dead: 0 });
  });
});

describe("cron schedules", () => {
  it("enqueues each due run exactly once across concurrent instances, then moves on", async () => {
    resetScheduleMirror();
    await db.delete(jobSchedules).where(sql`true`);
    // Tomorrow at 03:00 UTC, whatever today is: prune-jobs runs daily at 03:17.
    const day = new Date();
    day.setUTCHours(24, 0, 0, 0);
    const at = (hours: number, minutes: number, seconds = 0) =>
      new Date(day.getTime() + ((hours * 60 + minutes) * 60 + seconds) * 1000);
    const start = at(3, 0);
    await runSchedules(start);
    const [schedule] = await db
      .select()
      .from(jobSchedules)
      .where(eq(jobSchedules.name, "prune-jobs"));
    expect(schedule?.nextRunAt.toISOString()).toBe(at(3, 17).toISOString());

    const due = at(3, 17, 30);
    const counts = await Promise.all([runSchedules(due), runSchedules(due), runSchedules(due)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const queued = await db.select().from(jobs).where(eq(jobs.name, "jobs.prune"));
    expect(queued).toHaveLength(1);
    const [moved] = await db.select().from(jobSchedules).where(eq(jobSchedules.name, "prune-jobs"));
    expect(moved?.nextRunAt.toISOString()).toBe(at(24 + 3, 17).toISOString());
    expect(await runSchedules(due)).toBe(0);
  });

  it("prunes completed jobs older than a week and keeps dead ones", async () => {
    const old = new Date(Date.now() - 8 * 24 * 60 * 60_000);
    const done = await enqueue("test.record", { label: "done" });
    const dead = await enqueue("test.record", { label: "dead" });
    await db.update(jobs).set({ status: "completed", completedAt: old }).where(eq(jobs.id, done!));
    await db.update(jobs).set({ status: "dead", updatedAt: old }).where(eq(jobs.id, dead!));
    await enqueue("jobs.prune", {});
    await drainJobs();
    const left = await db.select({ id: jobs.id, name: jobs.name }).from(jobs);
    expect(left.map((j) => j.id)).toContain(dead);
    expect(left.map((j) => j.id)).not.toContain(done);
    expect(await db.execute(sql`select 1`)).toBeTruthy();
  });
});
