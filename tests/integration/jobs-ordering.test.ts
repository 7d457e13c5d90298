import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { jobs } from "@/lib/db/schema";
import { createId } from "@/lib/ids";
import { enqueue } from "@/lib/jobs";
import { defineJob } from "@/lib/jobs/registry";
import { claimJobsIn, drainWith, runDueJobs, type ClaimFn } from "@/lib/jobs/worker";
import { installClock } from "../support/clock";

// Jobs that share an ordering key (one Stripe customer's convergences, one recipient's mail)
// never run side by side, even when the earlier job's row commits after a later one's. Each
// interleaving is forced step by step (held promises, explicit transactions), never sampled.

declare module "@/lib/jobs/types" {
  interface JobPayloads {
    "test.ordered": { label: string };
  }
}

const gates = new Map<string, { release: () => void; done: Promise<void> }>();
const running = new Set<string>();
const overlaps: string[][] = [];
const started: string[] = [];

defineJob("test.ordered", async ({ label }) => {
  running.add(label);
  started.push(label);
  if (running.size > 1) overlaps.push([...running]);
  await gates.get(label)?.done;
  running.delete(label);
});

function gate(label: string) {
  let release = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  gates.set(label, { release, done });
  return release;
}

const embedded = process.env.DATABASE_EMBEDDED === "1";
const KEY = "stripe:cus_ordering";

beforeEach(async () => {
  await db.delete(jobs).where(sql`true`);
  gates.clear();
  running.clear();
  overlaps.length = 0;
  started.length = 0;
});

/**
 * Reserve a queue position for a job whose transaction is slow: the sequence number it got, free
 * for it to commit with later (what a slow enqueueing transaction looks like to the queue).
 */
async function reserveSeq(): Promise<number> {
  const placeholder = await enqueue("test.ordered", { label: "placeholder" }, { orderingKey: KEY });
  const [row] = await db.select({ seq: jobs.seq }).from(jobs).where(eq(jobs.id, placeholder!));
  await db.delete(jobs).where(eq(jobs.id, placeholder!));
  return row!.seq;
}

async function commitLate(seq: number, label: string, runAt: Date) {
  await db.insert(jobs).values({
    id: createId("job"),
    seq,
    name: "test.ordered",
    payload: { label },
    orderingKey: KEY,
    maxAttempts: 3,
    runAt,
  });
}

describe("per-key serialisation", () => {
  it("does not start an earlier job that commits while a later one of its key is running", async () => {
    const clock = installClock();
    const earlierSeq = await reserveSeq();
    await enqueue("test.ordered", { label: "later" }, { orderingKey: KEY, runAt: clock.now() });
    const releaseLater = gate("later");

    // Worker 1 claims and starts the later job (the earlier one's row isn't there yet) …
    const worker1 = runDueJobs({ workerId: "w1", now: clock.now });
    await expect.poll(() => started).toEqual(["later"]);
    // … the earlier job's transaction commits now, with its lower sequence number …
    await commitLate(earlierSeq, "earlier", clock.now());
    // … and worker 2 must leave it alone while the later one runs.
    expect(await runDueJobs({ workerId: "w2", now: clock.now })).toEqual({
      completed: 0,
      retried: 0,
      dead: 0,
    });
    expect(started).toEqual(["later"]);

    releaseLater();
    await worker1;
    expect(await runDueJobs({ workerId: "w2", now: clock.now })).toMatchObject({ completed: 1 });
    expect(started).toEqual(["later", "earlier"]);
    expect(overlaps).toEqual([]);
  });

  it("lets a job of another key run meanwhile, and takes over a job whose worker died", async () => {
    const clock = installClock();
    await enqueue("test.ordered", { label: "held" }, { orderingKey: KEY, runAt: clock.now() });
    await db.transaction((tx) => claimJobsIn(tx, "dead-worker", 10, clock.now(), 60_000));
    await enqueue("test.ordered", { label: "next" }, { orderingKey: KEY, runAt: clock.now() });
    await enqueue("test.ordered", { label: "other" }, { orderingKey: "other", runAt: clock.now() });

    expect(await runDueJobs({ workerId: "w1", now: clock.now })).toMatchObject({ completed: 1 });
    expect(started).toEqual(["other"]);
    // The dead worker's lease runs out: its job is taken over first, then the next one.
    clock.advance(61_000);
    await runDueJobs({ workerId: "w1", now: clock.now });
    await runDueJobs({ workerId: "w1", now: clock.now });
    expect(started).toEqual(["other", "held", "next"]);
  });

  // Two claims at once need two connections; the embedded database serves one at a time, so
  // there claims cannot interleave at all. On PostgreSQL the claim lock must make the second
  // claim see the first one's lease.
  it.skipIf(embedded)(
    "makes a concurrent claim wait for the one in progress and see its lease",
    async () => {
      const clock = installClock();
      let commitEarlier = () => {};
      const earlierCommitted = new Promise<void>((resolve) => {
        commitEarlier = resolve;
      });
      let enqueued = () => {};
      const earlierEnqueued = new Promise<void>((resolve) => {
        enqueued = resolve;
      });
      // The earlier job's transaction stays open …
      const earlier = db.transaction(async (tx) => {
        await enqueue(
          "test.ordered",
          { label: "earlier" },
          { tx, orderingKey: KEY, runAt: clock.now() },
        );
        enqueued();
        await earlierCommitted;
      });
      await earlierEnqueued;
      await enqueue("test.ordered", { label: "later" }, { orderingKey: KEY, runAt: clock.now() });

      let commitClaim = () => {};
      const claimHeld = new Promise<void>((resolve) => {
        commitClaim = resolve;
      });
      let claimedFirst: { name: string; payload: unknown }[] = [];
      let claimed = () => {};
      const firstClaimed = new Promise<void>((resolve) => {
        claimed = resolve;
      });
      // … worker 1's claim takes the later job and has not committed yet …
      const claim1 = db.transaction(async (tx) => {
        claimedFirst = await claimJobsIn(tx, "w1", 10, clock.now(), 60_000);
        claimed();
        await claimHeld;
      });
      await firstClaimed;
      expect(claimedFirst.map((j) => j.payload)).toEqual([{ label: "later" }]);
      // … the earlier job commits, and worker 2 claims: it must wait for worker 1's claim.
      commitEarlier();
      await earlier;
      let claim2Done = false;
      const claim2 = db
        .transaction((tx) => claimJobsIn(tx, "w2", 10, clock.now(), 60_000))
        .finally(() => {
          claim2Done = true;
        });
      const waitingForLock = async () => {
        const rows = await db.execute<{ n: number }>(sql`
          select count(*)::int as n from pg_stat_activity
          where wait_event_type = 'Lock' and query like '%pg_advisory_xact_lock%'`);
        return [...rows][0]?.n === 1;
      };
      // Worker 2's claim either waits for worker 1's (fixed) or has already taken a job (not).
      await expect.poll(async () => claim2Done || (await waitingForLock())).toBe(true);
      commitClaim();
      await claim1;
      expect((await claim2).map((j) => j.payload)).toEqual([]);
    },
  );
});

describe("draining", () => {
  it("does not stop while a job that finished during a claim has unblocked the next of its key", async () => {
    // The race a drain must survive: a claim reads the queue while `first` still runs, so the
    // next job of its key is not claimable yet; `first` finishes before the claim returns. The
    // drain then holds nothing and claimed nothing, yet `second` is due. Before the fix it
    // stopped here, leaving a Stripe customer's later events unapplied.
    const clock = installClock();
    const releaseFirst = gate("first");
    const releaseOther = gate("other");
    await enqueue("test.ordered", { label: "first" }, { orderingKey: KEY, runAt: clock.now() });
    await enqueue("test.ordered", { label: "second" }, { orderingKey: KEY, runAt: clock.now() });
    await enqueue("test.ordered", { label: "other" }, { orderingKey: "other", runAt: clock.now() });

    const firstId = (await db.select().from(jobs)).find(
      (job) => (job.payload as { label: string }).label === "first",
    )!.id;
    const claims: string[][] = [];
    const claim: ClaimFn = async (workerId, limit, at, leaseMs) => {
      const claimed = await db.transaction((tx) => claimJobsIn(tx, workerId, limit, at, leaseMs));
      claims.push(claimed.map((job) => (job.payload as { label: string }).label).sort());
      if (claims.length === 1) releaseOther();
      if (claims.length === 2) {
        // `first` still ran when this claim read the queue; let it finish before we return.
        releaseFirst();
        await expect
          .poll(async () => (await db.select().from(jobs).where(eq(jobs.id, firstId)))[0]!.status)
          .toBe("completed");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return claimed;
    };

    const result = await drainWith(claim, { concurrency: 2, now: clock.now });

    expect(claims.slice(0, 2)).toEqual([["first", "other"], []]);
    expect(started.slice(0, 2).sort()).toEqual(["first", "other"]);
    expect(started[2]).toBe("second");
    expect(result).toEqual({ completed: 3, retried: 0, dead: 0 });
  });
});
