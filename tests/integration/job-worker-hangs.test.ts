// A share of email sends hang (the provider accepts the connection and never answers). The worker
// must keep sending the others at nearly the healthy rate, and give up on the hung requests at the
// job timeout by aborting them (not leave them open). Real `resend` SDK against the local stand-in
// of its API, with a latency like the real one's.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { jobs } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { RETRY_POLICIES } from "@/lib/jobs/types";
import { drainJobs, startWorker } from "@/lib/jobs/worker";
import { startResendStandIn, type ResendStandIn } from "@/scripts/lib/resend-stand-in";

let resend: ResendStandIn;
const mutableEnv = env as { -readonly [K in keyof typeof env]: (typeof env)[K] };
const policy = RETRY_POLICIES["email.send"]!;
const originalTimeout = policy.timeoutMs;
const originalBaseDelay = policy.baseDelayMs;
// A hang lasts until the job's timeout; long next to a healthy run, short enough for a test.
const HANG_TIMEOUT_MS = 6_000;

beforeAll(async () => {
  resend = await startResendStandIn({ latencyMs: 40 });
  process.env.RESEND_BASE_URL = resend.url;
  mutableEnv.RESEND_API_KEY = "re_test_key";
  policy.timeoutMs = HANG_TIMEOUT_MS;
  policy.baseDelayMs = 200;
});

afterAll(async () => {
  policy.timeoutMs = originalTimeout;
  policy.baseDelayMs = originalBaseDelay;
  await resend.close();
});

beforeEach(async () => {
  resend.recover();
  resend.requests.length = 0;
  resend.sent.length = 0;
  await db.delete(jobs).where(sql`true`);
});

async function queueEmails(run: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, (_, j) =>
        sendEmail("magic-link", `${run}-${i + j}@example.com`, { url: "http://x.test/m" }),
      ),
    );
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

/** The first attempt to every tenth recipient (…9@example.com) hangs; its retry goes through. */
function hangTenPercent() {
  const hungOnce = new Set<string>();
  resend.failWhen((request) => {
    const to = String(request.body.to);
    if (!/9@example\.com$/.test(to) || hungOnce.has(to)) return null;
    hungOnce.add(to);
    return { status: "hang" };
  });
}

describe("a hung email send", () => {
  it("holds one slot, not the queue: 10 % hanging keeps throughput within 2× of healthy", async () => {
    const total = 100;
    const worker = startWorker({ pollMs: 50 });
    try {
      await queueEmails("warm-up", 20);
      await waitFor(() => resend.sent.length >= 20, 30_000);
      resend.sent.length = 0;
      // Healthy: time until 90 of 100 are sent.
      await queueEmails("healthy", total);
      const healthyMs = await waitFor(() => resend.sent.length >= 90, 30_000);
      await waitFor(() => resend.sent.length >= total, 30_000);

      resend.requests.length = 0;
      resend.sent.length = 0;
      hangTenPercent();
      await queueEmails("hanging", total);
      // The 90 that do not hang.
      const hangingMs = await waitFor(() => resend.sent.length >= 90, 30_000);
      await waitFor(() => resend.hanging === 10, 1_000);
      expect(hangingMs).toBeLessThan(HANG_TIMEOUT_MS);
      expect(hangingMs / healthyMs).toBeLessThan(2);

      // At the job timeout the worker aborts the hung requests (the signal reaches the SDK's
      // fetch), and their retries send them: all 100, each once.
      await waitFor(() => resend.abandoned >= 10, HANG_TIMEOUT_MS + 5_000);
      expect(resend.hanging).toBe(0);
      await waitFor(() => resend.sent.length >= total, 15_000);
      expect(new Set(resend.sent.map((s) => s.idempotencyKey)).size).toBe(total);
      console.info(
        `100 emails, time to 90 sent: healthy ${Math.round(healthyMs)} ms, ` +
          `10 % hanging ${Math.round(hangingMs)} ms (${(hangingMs / healthyMs).toFixed(2)}×)`,
      );
    } finally {
      await worker.stop({ graceMs: 0 });
    }
  }, 60_000);

  it("hands its unfinished jobs back at once when the worker stops (SIGTERM)", async () => {
    resend.fail({ status: "hang" }, 1);
    const { id } = await sendEmail("magic-link", "stopping@example.com", {
      url: "http://x.test/s",
    });
    const worker = startWorker({ pollMs: 50 });
    await waitFor(() => resend.hanging === 1, 10_000);
    const started = performance.now();
    await worker.stop({ graceMs: 200 });
    // Not after the 6 s job timeout, nor the 2-minute lease.
    expect(performance.now() - started).toBeLessThan(2_000);
    const [job] = await db
      .select()
      .from(jobs)
      .where(sql`${jobs.singletonKey} = ${`email:${id}`}`);
    expect(job).toMatchObject({
      status: "pending",
      attempts: 0,
      lockedBy: null,
      lockedUntil: null,
    });
    expect(job!.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    // The hung request was aborted, and the next worker sends it at once.
    await waitFor(() => resend.abandoned >= 1, 2_000);
    await drainJobs();
    expect(resend.sent.map((s) => s.body.to)).toEqual(["stopping@example.com"]);
  }, 30_000);

  it("does not hold up a drain (cron route) either", async () => {
    resend.fail({ status: "hang" }, 1);
    await queueEmails("drain", 30);
    const drained = drainJobs();
    const tookMs = await waitFor(() => resend.sent.length >= 29, HANG_TIMEOUT_MS);
    expect(tookMs).toBeLessThan(HANG_TIMEOUT_MS);
    // The drain itself ends once the hung job times out (and is retried later).
    expect(await drained).toMatchObject({ completed: 29, retried: 1 });
    expect(resend.abandoned).toBeGreaterThanOrEqual(1);
  }, 30_000);
});
