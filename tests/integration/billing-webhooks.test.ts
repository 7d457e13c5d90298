import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { startCheckout } from "@/lib/billing/checkout";
import { getBillingState } from "@/lib/billing/entitlements";
import { resetStripeClient } from "@/lib/billing/stripe";
import { db } from "@/lib/db";
import {
  billingAccounts,
  emailOutbox,
  jobs,
  stripeEvents,
  subscriptionHistory,
} from "@/lib/db/schema";
import { env } from "@/lib/env";
import { POLICIES } from "@/lib/ratelimit/policies";
import { drainJobs } from "@/lib/jobs/worker";
import {
  payCheckout,
  signedStripeRequest,
  billingAccountOf,
  settleBilling,
  startBillingHarness,
  subscribeThroughCheckout,
  type BillingHarness,
} from "../support/billing";
import { createTeam } from "../support/factories";

let harness: BillingHarness;
const mutableEnv = env as { -readonly [K in keyof typeof env]: (typeof env)[K] };
const as = (user: { id: string }) => ({ userId: user.id });
const DAY = 24 * 60 * 60;

beforeAll(async () => {
  harness = await startBillingHarness();
  await harness.deliverLive();
});

afterAll(async () => {
  await harness.close();
});

/** Let the emulator post its webhooks and the queue process them. */
const settle = () => settleBilling(harness);
const account = billingAccountOf;

async function emailsFor(address: string) {
  return db
    .select({ template: emailOutbox.template, subject: emailOutbox.subject })
    .from(emailOutbox)
    .where(eq(emailOutbox.to, address.toLowerCase()));
}

/** A workspace on Free that subscribes to a plan through Checkout, end to end. */
const subscribed = (plan: "pro" | "team" = "pro", seats?: number) =>
  subscribeThroughCheckout(plan, seats, settle);

describe("checkout to an active plan", () => {
  it("applies the plan only when Stripe's webhook arrives, with a trial and one email", async () => {
    const team = await createTeam();
    await db
      .update(billingAccounts)
      .set({ planId: "free", status: "none", stripeSubscriptionId: null })
      .where(eq(billingAccounts.workspaceId, team.workspace.id));
    const { url } = await startCheckout(as(team.owner), team.workspace.id, {
      plan: "pro",
      interval: "monthly",
    });
    expect(url).toMatch(/\/checkout\/cs_/);
    // Creating the session changed nothing locally.
    expect((await getBillingState(team.workspace.id)).effectivePlanId).toBe("free");

    const paid = await payCheckout(url);
    expect(paid.location).toMatch(/\/w\/.+\/billing\/success\?session_id=cs_/);
    await settle();

    const state = await getBillingState(team.workspace.id);
    expect(state).toMatchObject({ planId: "pro", effectivePlanId: "pro", status: "trialing" });
    expect(state.trialEnd).not.toBeNull();
    const emails = await emailsFor(team.owner.email);
    expect(emails.filter((e) => e.template === "subscription-confirmed")).toHaveLength(1);
    const history = await db
      .select()
      .from(subscriptionHistory)
      .where(eq(subscriptionHistory.workspaceId, team.workspace.id));
    expect(history.map((h) => h.status)).toEqual(["trialing"]);
  });

  it("refuses checkout to members who can't bill, unknown plans, and a second subscription", async () => {
    const { team } = await subscribed();
    await expect(
      startCheckout(as(team.member), team.workspace.id, { plan: "pro" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const other = await createTeam();
    await expect(
      startCheckout(as(team.owner), other.workspace.id, { plan: "pro" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      startCheckout(as(other.owner), other.workspace.id, { plan: "platinum" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { plan: expect.any(Array) },
    });
    await expect(
      startCheckout(as(team.owner), team.workspace.id, { plan: "team" }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("says Stripe is unreachable and writes nothing when it is", async () => {
    const team = await createTeam();
    await db
      .update(billingAccounts)
      .set({ planId: "free", status: "none", stripeSubscriptionId: null })
      .where(eq(billingAccounts.workspaceId, team.workspace.id));
    const real = mutableEnv.STRIPE_API_URL;
    mutableEnv.STRIPE_API_URL = "http://127.0.0.1:9";
    resetStripeClient();
    try {
      await expect(
        startCheckout(as(team.owner), team.workspace.id, { plan: "pro" }),
      ).rejects.toMatchObject({ code: "unavailable" });
    } finally {
      mutableEnv.STRIPE_API_URL = real;
      resetStripeClient();
    }
    expect(await account(team.workspace.id)).toMatchObject({
      stripeCustomerId: null,
      planId: "free",
    });
  });
});

describe("the subscription lifecycle", () => {
  it("goes past due on a failed renewal, keeps Pro through the grace period, and recovers", async () => {
    const { team, customerId } = await subscribed();
    await harness.control(`customers/${customerId}/card`, { behavior: "fail" });
    await harness.control("advance", { seconds: 15 * DAY });
    await settle();

    const pastDue = await getBillingState(team.workspace.id);
    expect(pastDue).toMatchObject({ status: "past_due", effectivePlanId: "pro" });
    expect(pastDue.graceEndsAt).not.toBeNull();
    const failed = (await emailsFor(team.owner.email)).filter(
      (e) => e.template === "payment-failed",
    );
    expect(failed).toHaveLength(1);

    await harness.control(`customers/${customerId}/card`, { behavior: "succeed" });
    await harness.control("advance", { seconds: 3 * DAY + 60 });
    await settle();
    expect(await getBillingState(team.workspace.id)).toMatchObject({
      status: "active",
      effectivePlanId: "pro",
      pastDueSince: null,
    });
    const receipts = (await emailsFor(team.owner.email)).filter(
      (e) => e.template === "payment-succeeded",
    );
    expect(receipts.length).toBeGreaterThanOrEqual(1);
  });

  it("falls back to Free limits after the grace period", async () => {
    const { team } = await subscribed();
    await db
      .update(billingAccounts)
      .set({ status: "past_due", pastDueSince: new Date(Date.now() - 8 * DAY * 1000) })
      .where(eq(billingAccounts.workspaceId, team.workspace.id));
    const { billingStateOf } = await import("@/lib/billing/state");
    expect(billingStateOf(await account(team.workspace.id)).effectivePlanId).toBe("free");
  });

  it("cancels at period end: Pro until then, Free and one email after", async () => {
    const { team, subscriptionId } = await subscribed();
    await harness.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    await settle();
    expect(await getBillingState(team.workspace.id)).toMatchObject({
      cancelAtPeriodEnd: true,
      effectivePlanId: "pro",
    });
    await harness.control("advance", { seconds: 50 * DAY });
    await settle();
    expect(await getBillingState(team.workspace.id)).toMatchObject({
      status: "canceled",
      effectivePlanId: "free",
    });
    const canceled = (await emailsFor(team.owner.email)).filter(
      (e) => e.template === "subscription-canceled",
    );
    expect(canceled).toHaveLength(1);
  });
});

describe("bad webhooks", () => {
  const body = (id: string, type = "customer.subscription.updated", customer = "cus_none") =>
    JSON.stringify({
      id,
      object: "event",
      type,
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: "sub_x", object: "subscription", customer } },
    });

  it("rejects unsigned, re-signed, tampered and stale events with 400 and writes nothing", async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(stripeEvents);
    const payload = body("evt_bad_1");
    const unsigned = new Request("http://localhost/api/webhooks/stripe", {
      method: "POST",
      body: payload,
    });
    const resigned = signedStripeRequest(harness.stripe, "whsec_someone_else", payload);
    const good = signedStripeRequest(harness.stripe, harness.webhookSecret, payload);
    const tampered = new Request(good.url, {
      method: "POST",
      headers: good.headers,
      body: body("evt_bad_1", "customer.subscription.deleted"),
    });
    const stale = signedStripeRequest(
      harness.stripe,
      harness.webhookSecret,
      payload,
      Math.floor(Date.now() / 1000) - 6 * 60,
    );
    for (const request of [unsigned, resigned, tampered, stale]) {
      const response = await stripeWebhook(request);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "invalid_signature" });
    }
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(stripeEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("refuses an address that keeps sending forged deliveries; signed ones are never limited", async () => {
    const { limit } = POLICIES["webhook:unverified:ip"];
    const octet = () => Math.floor(Math.random() * 250) + 1;
    const flooder = `198.51.${octet()}.${octet()}`;
    const forged = (ip: string) =>
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        headers: { "x-forwarded-for": ip, "stripe-signature": "t=1,v1=forged" },
        body: body("evt_flood"),
      });
    const statuses: number[] = [];
    for (let i = 0; i < limit; i++) statuses.push((await stripeWebhook(forged(flooder))).status);
    expect(statuses.every((status) => status === 400)).toBe(true);

    const refused = await stripeWebhook(forged(flooder));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "rate_limited" });
    expect(refused.headers.get("RateLimit-Limit")).toBe(String(limit));
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    /** A correctly signed delivery, sent from `ip`. */
    const signedFrom = (ip: string, event: string) => {
      const delivery = signedStripeRequest(harness.stripe, harness.webhookSecret, event);
      return new Request(delivery.url, {
        method: "POST",
        headers: { ...Object.fromEntries(delivery.headers), "x-forwarded-for": ip },
        body: event,
      });
    };
    // The signature decides first: a real delivery from the flooding address is accepted and
    // recorded (the flood filled the limit on forgeries alone) …
    const late = `evt_late_${octet()}_${octet()}`;
    const accepted = await stripeWebhook(signedFrom(flooder, body(late)));
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ received: true, duplicate: false });
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, late))).toHaveLength(1);
    // … while its forgeries stay refused, another sender is not affected, and signed deliveries
    // are never counted.
    expect((await stripeWebhook(forged(flooder))).status).toBe(429);
    expect((await stripeWebhook(forged(`203.0.113.${octet()}`))).status).toBe(400);
    const sender = `192.0.2.${octet()}`;
    for (let i = 0; i <= limit; i++) {
      const event = body(`evt_signed_${i}_${sender}`, "balance.available");
      expect((await stripeWebhook(signedFrom(sender, event))).status).toBe(200);
    }
  });

  it("refuses a correctly signed event of the wrong shape with 400 naming the field, writing nothing", async () => {
    const count = async () => {
      const [events] = await db.select({ n: sql<number>`count(*)::int` }).from(stripeEvents);
      const [queued] = await db.select({ n: sql<number>`count(*)::int` }).from(jobs);
      return [events!.n, queued!.n];
    };
    const before = await count();
    const event = JSON.parse(body("evt_shape", "customer.updated")) as Record<string, unknown>;
    const { data: _data, ...withoutData } = event;
    const { id: _id, ...withoutId } = event;
    const broken: [Record<string, unknown>, string][] = [
      [withoutData, "data"],
      [withoutId, "id"],
      [{ ...event, created: "yesterday" }, "created"],
      [{ ...event, created: 1.5 }, "created"],
      [{ ...event, data: { object: "cus_1" } }, "data.object"],
      [{ ...event, type: 42 }, "type"],
    ];
    for (const [shape, field] of broken) {
      const response = await stripeWebhook(
        signedStripeRequest(harness.stripe, harness.webhookSecret, JSON.stringify(shape)),
      );
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { code: string; detail?: string };
      expect(problem.code).toBe("bad_request");
      expect(JSON.stringify(problem)).toContain(`${field} `);
    }
    expect(await count()).toEqual(before);
  });

  it("refuses a signature stamped more than five minutes ahead, accepts clock skew within", async () => {
    const now = Math.floor(Date.now() / 1000);
    const ahead = signedStripeRequest(
      harness.stripe,
      harness.webhookSecret,
      body("evt_future", "balance.available"),
      now + 60 * 60,
    );
    const response = await stripeWebhook(ahead);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "invalid_signature" });
    const skewed = signedStripeRequest(
      harness.stripe,
      harness.webhookSecret,
      body("evt_skewed", "balance.available"),
      now + 4 * 60,
    );
    expect((await stripeWebhook(skewed)).status).toBe(200);
  });

  it("acknowledges an unknown event type without recording it", async () => {
    const response = await stripeWebhook(
      signedStripeRequest(
        harness.stripe,
        harness.webhookSecret,
        body("evt_odd", "balance.available"),
      ),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ignored: true });
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, "evt_odd"))).toEqual([]);
  });

  it("records a duplicated event once and processes it once", async () => {
    const { customerId } = await subscribed();
    const payload = body("evt_dup_1", "customer.updated", customerId).replace(
      '"object":"subscription"',
      '"object":"customer"',
    );
    // Newer than anything applied so far (earlier tests moved the emulator's clock ahead).
    const fixed = payload
      .replace('"id":"sub_x"', `"id":"${customerId}"`)
      .replace(/"created":\d+/, `"created":${Math.floor(Date.now() / 1000) + 400 * DAY}`);
    const first = await stripeWebhook(
      signedStripeRequest(harness.stripe, harness.webhookSecret, fixed),
    );
    const second = await stripeWebhook(
      signedStripeRequest(harness.stripe, harness.webhookSecret, fixed),
    );
    expect(await first.json()).toMatchObject({ duplicate: false });
    expect(await second.json()).toMatchObject({ duplicate: true });
    const queued = await db
      .select()
      .from(jobs)
      .where(
        and(eq(jobs.name, "stripe.process-event"), eq(jobs.singletonKey, "stripe-event:evt_dup_1")),
      );
    expect(queued).toHaveLength(1);
    await drainJobs();
    const [event] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, "evt_dup_1"));
    expect(event).toMatchObject({ status: "processed", attempts: 1 });
  });

  it("keeps an event whose processing can't reach Stripe and applies it once Stripe is back", async () => {
    const { team, subscriptionId, customerId } = await subscribed();
    const real = mutableEnv.STRIPE_API_URL;
    mutableEnv.STRIPE_API_URL = "http://127.0.0.1:9";
    resetStripeClient();
    try {
      // The emulator still posts the webhook (signature checks need no network).
      await harness.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
      await harness.flushWebhooks();
      await drainJobs();
      const failed = await db
        .select()
        .from(stripeEvents)
        .where(and(eq(stripeEvents.customerId, customerId), eq(stripeEvents.status, "failed")));
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0]!.lastError).toBeTruthy();
      expect((await account(team.workspace.id)).cancelAtPeriodEnd).toBe(false);
    } finally {
      mutableEnv.STRIPE_API_URL = real;
      resetStripeClient();
    }
    // The retry runs after its backoff.
    await drainJobs({ now: () => new Date(Date.now() + 10 * 60_000) });
    expect((await account(team.workspace.id)).cancelAtPeriodEnd).toBe(true);
  });
});
