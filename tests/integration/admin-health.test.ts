// The console's System health page and its actions (retry / discard a dead job, replay a failed
// Stripe event), through the real page and server actions with a platform admin session.
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { initialFormState, type FormState } from "@/lib/auth/form-state";
import { db } from "@/lib/db";
import {
  auditLog,
  billingCustomerConflicts,
  emailOutbox,
  jobs,
  stripeEvents,
} from "@/lib/db/schema";
import { createId } from "@/lib/ids";
import { actAs, cookieOf, createPlatformAdmin, formData, html } from "../support/admin-request";
import { createWorkspaceRow } from "../support/factories";

vi.mock("next/headers", () => import("../support/next-stubs").then((m) => m.nextHeaders));
vi.mock("next/navigation", () => import("../support/next-stubs").then((m) => m.nextNavigation));
vi.mock("next/cache", () => import("../support/next-stubs").then((m) => m.nextCache));

const actions = await import("@/app/admin/health/actions");
const { default: HealthPage } = await import("@/app/admin/health/page");

let operator: { id: string; email: string };
let cookie: string;

beforeAll(async () => {
  operator = await createPlatformAdmin();
  cookie = await cookieOf(operator.email);
});

async function act(
  action: (state: FormState, form: FormData) => Promise<FormState>,
  fields: Record<string, string>,
) {
  actAs(cookie);
  return action(initialFormState, formData(fields));
}

async function deadJob(name = "email.send") {
  const [job] = await db
    .insert(jobs)
    .values({
      id: createId("job"),
      name,
      payload: { outboxId: "eml_inspect_me" },
      status: "dead",
      attempts: 5,
      maxAttempts: 5,
      lastError: "Resend answered 500 five times",
    })
    .returning();
  return job!;
}

async function failedEvent() {
  const id = `evt_${createId("x").slice(2)}`;
  await db.insert(stripeEvents).values({
    id,
    type: "customer.subscription.updated",
    customerId: "cus_health_test",
    createdAt: new Date(),
    status: "failed",
    attempts: 3,
    lastError: "Stripe answered 503",
    payload: { id, data: { object: { id: "sub_health" } } },
  });
  return id;
}

const auditFor = async (targetId: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, targetId), eq(auditLog.actorId, operator.id)))
    .orderBy(desc(auditLog.seq));

describe("the health page", () => {
  it("shows services, queue, dead jobs, failed webhooks, conflicts and email counts", async () => {
    const job = await deadJob("billing.sync-customer");
    const eventId = await failedEvent();
    const workspace = await createWorkspaceRow();
    await db.insert(billingCustomerConflicts).values({
      stripeCustomerId: "cus_conflicting_one",
      workspaceId: workspace.id,
      linkedCustomerId: "cus_linked_one",
      firstSeenAt: new Date(),
      lastSeenAt: new Date(),
      seenCount: 3,
    });
    const ago = (hours: number) => new Date(Date.now() - hours * 60 * 60_000);
    for (const [status, hours] of [
      ["bounced", 1],
      ["bounced", 2],
      ["bounced", 72],
      ["bounced", 24 * 10],
    ] as const) {
      await db.insert(emailOutbox).values({
        id: createId("eml"),
        template: "welcome",
        to: "bounce@example.com",
        from: "Problemboard <hello@example.com>",
        status,
        createdAt: ago(hours),
      });
    }

    actAs(cookie);
    const markup = html(await HealthPage());
    expect(markup).toMatch(/Database<\/th><td[^>]*>Reachable, \d+ ms/);
    expect(markup).toContain("No backups configured (BACKUP_ENCRYPTION_KEY)");
    expect(markup).toContain("0.1.0");
    expect(markup).toContain(job.id);
    expect(markup).toContain("eml_inspect_me");
    expect(markup).toContain("Resend answered 500 five times");
    expect(markup).toContain(eventId);
    expect(markup).toContain("Stripe answered 503");
    expect(markup).toContain("cus_conflicting_one");
    // 24 h: 2 bounced; 7 d: 3 (the 10-day-old one is out of both).
    expect(markup).toMatch(/bounced<\/th><td[^>]*>2<\/td><td[^>]*>3<\/td>/);
    expect(markup).toMatch(/<label[^>]*for="replay-evt_[^"]+-reason"/);
  });
});

describe("dead jobs", () => {
  it("retries one with a reason: it is pending again, once, and audited", async () => {
    const job = await deadJob();
    expect(
      await act(actions.retryJobAction, { jobId: job.id, reason: "Resend is back up" }),
    ).toEqual({ success: "Queued again." });
    const [row] = await db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    const again = await act(actions.retryJobAction, { jobId: job.id, reason: "Resend is back up" });
    expect(again.error).toBe("This job is no longer dead (retried or gone).");
    const entries = await auditFor(job.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "admin.job_retried",
      metadata: { reason: "Resend is back up" },
    });
  });

  it("discards one; without a reason nothing happens", async () => {
    const job = await deadJob();
    const noReason = await act(actions.discardJobAction, { jobId: job.id, reason: "" });
    expect(noReason.fieldErrors?.reason).toBeDefined();
    expect(await db.select().from(jobs).where(eq(jobs.id, job.id))).toHaveLength(1);

    expect(
      await act(actions.discardJobAction, { jobId: job.id, reason: "Payload for a deleted user" }),
    ).toEqual({ success: "Discarded." });
    expect(await db.select().from(jobs).where(eq(jobs.id, job.id))).toHaveLength(0);
    expect((await auditFor(job.id))[0]?.action).toBe("admin.job_discarded");
  });
});

describe("failed Stripe events", () => {
  it("replays one: pending, one processing job even when submitted twice, audited", async () => {
    const eventId = await failedEvent();
    const first = await act(actions.replayWebhookAction, {
      eventId,
      reason: "Stripe outage is over",
    });
    expect(first.success).toContain("pending");
    const second = await act(actions.replayWebhookAction, {
      eventId,
      reason: "Stripe outage is over",
    });
    expect(second.error).toBe("This event is not failed (replayed or gone).");
    const [event] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId));
    expect(event?.status).toBe("pending");
    const queued = await db
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.name, "stripe.process-event"), eq(jobs.status, "pending")));
    expect(
      queued.filter((j) => (j.payload as { eventId: string }).eventId === eventId),
    ).toHaveLength(1);
    expect((await auditFor(eventId)).map((e) => e.action)).toEqual(["admin.webhook_replayed"]);
  });

  it("refuses an id that is not a failed event", async () => {
    for (const eventId of ["evt_never_seen", "not-an-id"]) {
      const state = await act(actions.replayWebhookAction, { eventId, reason: "Just checking" });
      expect(state.error).toBe("This event is not failed (replayed or gone).");
    }
  });
});
