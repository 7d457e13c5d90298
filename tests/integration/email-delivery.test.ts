import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as resendWebhook } from "@/app/api/webhooks/resend/route";
import { POST as oneClickUnsubscribe } from "@/app/api/email/unsubscribe/route";
import { db } from "@/lib/db";
import { emailEvents, emailOutbox, emailSuppressions, jobs } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { RETRY_POLICIES } from "@/lib/jobs/types";
import { drainJobs, runDueJobs } from "@/lib/jobs/worker";
import { startResendStandIn, type ResendStandIn } from "@/scripts/lib/resend-stand-in";
import { installClock } from "@/tests/support/clock";

// The real `resend` SDK against a local stand-in of its API (RESEND_BASE_URL), and Resend's
// webhooks signed with the real Standard Webhooks scheme.
let resend: ResendStandIn;
const WEBHOOK_SECRET = `whsec_${Buffer.from("problemboard-test-webhook-secret").toString("base64")}`;
const mutableEnv = env as { -readonly [K in keyof typeof env]: (typeof env)[K] };

beforeAll(async () => {
  resend = await startResendStandIn();
  process.env.RESEND_BASE_URL = resend.url;
  mutableEnv.RESEND_API_KEY = "re_test_key";
  mutableEnv.RESEND_WEBHOOK_SECRET = WEBHOOK_SECRET;
});

afterAll(async () => {
  await resend.close();
});

beforeEach(async () => {
  resend.recover();
  resend.requests.length = 0;
  resend.sent.length = 0;
  await db.delete(jobs).where(sql`true`);
});

const statusEmail = (title: string) =>
  ({
    problemTitle: title,
    boardName: "Acme feedback",
    fromStatus: "Open",
    toStatus: "Planned",
    note: "",
    url: "http://localhost:3000/b/acme/feedback/p/prb_1",
  }) as const;

async function outboxRow(id: string) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row!;
}

async function jobFor(outboxId: string) {
  const [row] = await db
    .select()
    .from(jobs)
    .where(eq(jobs.singletonKey, `email:${outboxId}`));
  return row!;
}

function signedWebhook(body: object, options: { id?: string; at?: Date; secret?: string } = {}) {
  const raw = JSON.stringify(body);
  const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const at = options.at ?? new Date();
  const signature = new Webhook(options.secret ?? WEBHOOK_SECRET).sign(id, at, raw);
  return new Request("http://localhost:3000/api/webhooks/resend", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "svix-id": id,
      "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
      "svix-signature": signature,
    },
    body: raw,
  });
}

describe("sending through Resend", () => {
  it("sends the rendered message with the idempotency key and records Resend's id", async () => {
    const { id } = await sendEmail(
      "magic-link",
      "Reader@Example.com",
      { url: "http://localhost:3000/api/auth/magic-link/verify?token=abc" },
      { idempotencyKey: "magic-link:abc" },
    );
    expect(await outboxRow(id)).toMatchObject({ status: "queued", subject: null });

    await drainJobs();
    expect(resend.requests).toHaveLength(1);
    const [request] = resend.requests;
    expect(request).toMatchObject({
      idempotencyKey: "magic-link:abc",
      authorization: "Bearer re_test_key",
      body: { to: "reader@example.com", from: env.EMAIL_FROM },
    });
    expect(request!.body.subject).toMatch(/sign-in link/i);
    expect(request!.body.html).toContain("token=abc");
    expect(request!.body.text).toContain("token=abc");
    // Transactional mail carries no unsubscribe header.
    expect(request!.body.headers?.["List-Unsubscribe"]).toBeUndefined();

    const row = await outboxRow(id);
    expect(row).toMatchObject({
      status: "sent",
      provider: "resend",
      providerMessageId: resend.sent[0]!.id,
    });
    expect(row.text).toContain("token=abc");
  });

  it("adds one-click unsubscribe headers to notification mail", async () => {
    await sendEmail("problem-status-changed", "fan@example.com", statusEmail("Slow search"));
    await drainJobs();
    const headers = resend.requests[0]!.body.headers!;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(headers["List-Unsubscribe"]).toMatch(
      /^<http:\/\/.+\/api\/email\/unsubscribe\?token=.+>$/,
    );
    expect(resend.requests[0]!.body.html).toContain("/email/unsubscribe?token=");
  });

  it("retries 500s with backoff and sends once when Resend recovers", async () => {
    const clock = installClock();
    resend.fail({ status: 500 }, 2);
    const { id } = await sendEmail("magic-link", "a@example.com", { url: "http://x.test/a" });

    await runDueJobs();
    let job = await jobFor(id);
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job.lastError).toContain("500");
    // Not due before its backoff has passed.
    expect(await runDueJobs()).toMatchObject({ retried: 0, completed: 0 });
    clock.set(job.runAt);
    await runDueJobs();
    job = await jobFor(id);
    expect(job.attempts).toBe(2);
    clock.set(job.runAt);
    await runDueJobs();

    expect(resend.requests).toHaveLength(3);
    expect(new Set(resend.requests.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(resend.sent).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: "sent" });
  });

  it("waits at least as long as a 429's Retry-After", async () => {
    const clock = installClock();
    resend.fail({ status: 429, retryAfterSeconds: 120 }, 1);
    const { id } = await sendEmail("magic-link", "b@example.com", { url: "http://x.test/b" });
    await runDueJobs();
    const job = await jobFor(id);
    expect(job.runAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(120_000);
    expect(job.lastError).toContain("rate_limit_exceeded");
  });

  it("retries a request that times out", async () => {
    const policy = RETRY_POLICIES["email.send"]!;
    const original = policy.timeoutMs;
    policy.timeoutMs = 300;
    try {
      resend.fail({ status: "hang" }, 1);
      const { id } = await sendEmail("magic-link", "c@example.com", { url: "http://x.test/c" });
      await runDueJobs();
      const job = await jobFor(id);
      expect(job).toMatchObject({ status: "pending", attempts: 1 });
      expect(job.lastError).toContain("timed out");
      await drainJobs({ now: () => new Date(Date.now() + 60_000) });
      expect(resend.sent).toHaveLength(1);
    } finally {
      policy.timeoutMs = original;
    }
  });

  it("gives up on a validation error and keeps the reason", async () => {
    resend.fail({ status: 422, message: "The `to` address is not allowed." }, 1);
    const { id } = await sendEmail("magic-link", "d@example.com", { url: "http://x.test/d" });
    await drainJobs();
    expect(resend.requests).toHaveLength(1);
    const row = await outboxRow(id);
    expect(row.status).toBe("failed");
    expect(row.error).toContain("validation_error (422)");
    expect((await jobFor(id)).status).toBe("dead");
  });

  it("loses nothing when the worker dies between the business write and the send", async () => {
    const { id } = await db.transaction(async (tx) =>
      sendEmail("magic-link", "e@example.com", { url: "http://x.test/e" }, { tx }),
    );
    // The worker leased the job and died before calling Resend.
    const job = await jobFor(id);
    await db
      .update(jobs)
      .set({ status: "running", attempts: 1, lockedBy: "gone", lockedUntil: new Date(0) })
      .where(eq(jobs.id, job.id));
    await drainJobs();
    expect(resend.sent).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: "sent" });
  });

  it("sends no second email when the worker dies between the send and recording it", async () => {
    const { id } = await sendEmail("magic-link", "f@example.com", { url: "http://x.test/f" });
    await drainJobs();
    const first = await outboxRow(id);
    // Roll the records back to "Resend accepted it, nothing recorded yet", as after a crash.
    await db
      .update(emailOutbox)
      .set({ status: "queued", providerMessageId: null })
      .where(eq(emailOutbox.id, id));
    await db
      .update(jobs)
      .set({ status: "running", lockedBy: "gone", lockedUntil: new Date(0) })
      .where(eq(jobs.singletonKey, `email:${id}`));
    await drainJobs();

    expect(resend.requests).toHaveLength(2);
    expect(resend.requests[0]!.idempotencyKey).toBe(resend.requests[1]!.idempotencyKey);
    expect(resend.sent).toHaveLength(1);
    expect((await outboxRow(id)).providerMessageId).toBe(first.providerMessageId);
  });

  it("delivers everything after an hour-long outage, in order per recipient, none twice", async () => {
    const clock = installClock();
    resend.fail({ status: 503 }, Infinity);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const { id } = await sendEmail("magic-link", "g@example.com", { url: `http://x.test/g${n}` });
      ids.push(id);
    }
    await sendEmail("magic-link", "h@example.com", { url: "http://x.test/h1" });

    // An hour of failures, running the queue every minute as a worker would.
    const outageEnds = clock.now().getTime() + 60 * 60_000;
    while (clock.now().getTime() < outageEnds) {
      await drainJobs();
      clock.advance(60_000);
    }
    expect(resend.sent).toHaveLength(0);
    expect((await jobFor(ids[0]!)).status).toBe("pending");

    resend.recover();
    const deadline = clock.now().getTime() + 60 * 60_000;
    while (resend.sent.length < 4 && clock.now().getTime() < deadline) {
      await drainJobs();
      clock.advance(60_000);
    }
    const toG = resend.sent.filter((e) => e.body.to === "g@example.com");
    expect(toG.map((e) => e.body.text?.match(/x\.test\/g\d/)?.[0])).toEqual([
      "x.test/g1",
      "x.test/g2",
      "x.test/g3",
    ]);
    expect(resend.sent).toHaveLength(4);
    for (const id of ids) expect((await outboxRow(id)).status).toBe("sent");
  });
});

describe("bad input", () => {
  it("refuses an invalid recipient and a missing prop before writing anything", async () => {
    await expect(sendEmail("magic-link", "not an address", { url: "http://x" })).rejects.toThrow(
      /not a valid recipient/,
    );
    await expect(sendEmail("magic-link", "ok@example.com", {} as never)).rejects.toThrow(
      'Email template "magic-link" is missing prop "url"',
    );
    const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.to, "ok@example.com"));
    expect(rows).toEqual([]);
  });
});

describe("Resend delivery webhooks", () => {
  async function sentEmailTo(address: string) {
    const { id } = await sendEmail("magic-link", address, { url: "http://x.test/w" });
    await drainJobs();
    return outboxRow(id);
  }

  it("records delivery on the outbox row, once per webhook message", async () => {
    const email = await sentEmailTo("w1@example.com");
    const event = {
      type: "email.delivered",
      created_at: new Date().toISOString(),
      data: { email_id: email.providerMessageId, to: [email.to] },
    };
    const first = await resendWebhook(signedWebhook(event, { id: "msg_delivered_1" }));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ recorded: true });
    const again = await resendWebhook(signedWebhook(event, { id: "msg_delivered_1" }));
    expect(await again.json()).toMatchObject({ recorded: false });

    expect(await outboxRow(email.id)).toMatchObject({ status: "delivered" });
    const events = await db.select().from(emailEvents).where(eq(emailEvents.outboxId, email.id));
    expect(events).toHaveLength(1);
  });

  it("rejects unsigned, wrongly signed, tampered and stale webhooks and writes nothing", async () => {
    const email = await sentEmailTo("w2@example.com");
    const event = {
      type: "email.bounced",
      created_at: new Date().toISOString(),
      data: { email_id: email.providerMessageId, bounce: { type: "Permanent" } },
    };
    const unsigned = new Request("http://localhost:3000/api/webhooks/resend", {
      method: "POST",
      body: JSON.stringify(event),
    });
    const otherSecret = `whsec_${Buffer.from("someone-else-entirely-here").toString("base64")}`;
    const tampered = signedWebhook(event);
    const tamperedBody = new Request(tampered.url, {
      method: "POST",
      headers: tampered.headers,
      body: JSON.stringify({ ...event, type: "email.complained" }),
    });
    const stale = signedWebhook(event, { at: new Date(Date.now() - 10 * 60_000) });

    for (const request of [
      unsigned,
      signedWebhook(event, { secret: otherSecret }),
      tamperedBody,
      stale,
    ]) {
      const response = await resendWebhook(request);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    expect(await outboxRow(email.id)).toMatchObject({ status: "sent" });
    expect(await db.select().from(emailEvents).where(eq(emailEvents.outboxId, email.id))).toEqual(
      [],
    );
    expect(await db.select().from(emailSuppressions)).toEqual([]);
  });

  it("suppresses non-transactional mail to an address after a hard bounce", async () => {
    const email = await sentEmailTo("bouncy@example.com");
    const bounce = {
      type: "email.bounced",
      created_at: new Date().toISOString(),
      data: {
        email_id: email.providerMessageId,
        bounce: { type: "Permanent", message: "No such user" },
      },
    };
    expect((await resendWebhook(signedWebhook(bounce))).status).toBe(200);
    expect(await outboxRow(email.id)).toMatchObject({ status: "bounced" });

    resend.sent.length = 0;
    const notification = await sendEmail(
      "problem-status-changed",
      "bouncy@example.com",
      statusEmail("Anything"),
    );
    const transactional = await sendEmail("magic-link", "bouncy@example.com", {
      url: "http://x.test/still",
    });
    await drainJobs();
    expect(await outboxRow(notification.id)).toMatchObject({ status: "suppressed" });
    expect((await outboxRow(notification.id)).error).toContain("bounced");
    expect(await outboxRow(transactional.id)).toMatchObject({ status: "sent" });
    expect(resend.sent).toHaveLength(1);
  });

  it("does not suppress after a transient bounce", async () => {
    const email = await sentEmailTo("soft@example.com");
    const bounce = {
      type: "email.bounced",
      created_at: new Date().toISOString(),
      data: { email_id: email.providerMessageId, bounce: { type: "Transient" } },
    };
    await resendWebhook(signedWebhook(bounce));
    expect(
      await db.select().from(emailSuppressions).where(eq(emailSuppressions.email, email.to)),
    ).toEqual([]);
  });
});

describe("unsubscribing", () => {
  it("one click stops notification mail to that address and nothing else", async () => {
    await sendEmail("problem-status-changed", "reader2@example.com", statusEmail("First"));
    await drainJobs();
    const header = resend.requests.at(-1)!.body.headers!["List-Unsubscribe"]!;
    const url = header.slice(1, -1);

    const forged = await oneClickUnsubscribe(
      new Request(url.replace(/token=[^&]+/, "token=bm9ib2R5.notification.forged"), {
        method: "POST",
        body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
      }),
    );
    expect(forged.status).toBe(400);

    const response = await oneClickUnsubscribe(
      new Request(url, {
        method: "POST",
        body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
      }),
    );
    expect(response.status).toBe(200);

    resend.sent.length = 0;
    const later = await sendEmail(
      "problem-status-changed",
      "reader2@example.com",
      statusEmail("Second"),
    );
    await sendEmail("magic-link", "reader2@example.com", { url: "http://x.test/r2" });
    await drainJobs();
    expect(await outboxRow(later.id)).toMatchObject({ status: "suppressed" });
    expect(resend.sent.map((e) => e.body.to)).toEqual(["reader2@example.com"]);
    expect(resend.sent[0]!.body.subject).toMatch(/sign-in link/i);
  });
});
