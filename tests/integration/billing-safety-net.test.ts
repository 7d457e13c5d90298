import { readFileSync } from "node:fs";
import path from "node:path";
import * as Sentry from "@sentry/nextjs";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { openBillingPortal, startCheckout } from "@/lib/billing/checkout";
import { getBillingState } from "@/lib/billing/entitlements";
import { reconcileNow } from "@/lib/billing/reconcile";
import { syncCustomer } from "@/lib/billing/sync";
import { db } from "@/lib/db";
import {
  auditLog,
  billingAccounts,
  billingCustomerConflicts,
  jobs,
  stripeEvents,
  subscriptionHistory,
} from "@/lib/db/schema";
import { createId } from "@/lib/ids";
import { drainJobs } from "@/lib/jobs/worker";
import { sentryOptions } from "@/lib/observability/sentry-options";
import { startSentryStandIn, type SentryStandIn } from "@/scripts/lib/sentry-stand-in";
import {
  allEvents,
  payCheckout,
  signedStripeRequest,
  billingAccountOf,
  settleBilling,
  startBillingHarness,
  subscribeThroughCheckout,
  type BillingHarness,
} from "../support/billing";
import { installClock } from "../support/clock";
import { createTeam } from "../support/factories";

// Issue 13, the billing safety net, end to end on the Stripe emulator with live webhooks:
// conflicting customers, deleted customers and re-subscribing, a history without duplicates
// that records every change a customer pays for, unknown customers, and grace by Stripe's clock.

let harness: BillingHarness;
let sentry: SentryStandIn;
const as = (user: { id: string }) => ({ userId: user.id });
const DAY = 24 * 60 * 60;
const HOUR_MS = 60 * 60_000;

beforeAll(async () => {
  harness = await startBillingHarness();
  await harness.deliverLive();
  sentry = await startSentryStandIn();
  Sentry.init({
    ...sentryOptions({ dsn: sentry.dsn, environment: "test", tracesSampleRate: 0 }),
    defaultIntegrations: false,
  });
});

afterAll(async () => {
  await Sentry.close(2_000);
  await sentry.close();
  await harness.close();
});

beforeEach(() => {
  sentry.envelopes.length = 0;
});

/** Two rounds: processing can make Stripe send more events. */
const settle = () => settleBilling(harness, 2);
const account = billingAccountOf;

async function history(workspaceId: string) {
  return db
    .select()
    .from(subscriptionHistory)
    .where(eq(subscriptionHistory.workspaceId, workspaceId))
    .orderBy(asc(subscriptionHistory.effectiveAt), asc(subscriptionHistory.recordedAt));
}

async function auditCount(workspaceId: string, action: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, action)));
  return row!.n;
}

function sentryMessages() {
  return sentry.envelopes.flatMap((envelope) =>
    envelope.items
      .filter((item) => item.header.type === "event")
      .map((item) => item.payload as { message?: string; level?: string }),
  );
}

/**
 * A minute passes in Stripe. Stripe stamps events in whole seconds and the history keeps one row
 * per second (the state at its end), so steps a test wants as separate rows are a minute apart.
 */
async function later() {
  await harness.control("advance", { seconds: 60 });
}

/** A workspace on Free that subscribes through Checkout, end to end. */
const subscribed = (plan: "pro" | "team" = "pro", seats?: number) =>
  subscribeThroughCheckout(plan, seats, settle);

describe("a second customer claiming a linked workspace (item 2)", () => {
  it("is recorded once for operators and never applied", async () => {
    const { team, customerId, subscriptionId } = await subscribed();
    const workspaceId = team.workspace.id;
    const historyBefore = await history(workspaceId);

    const duplicate = await harness.stripe.customers.create({
      email: "duplicate@example.com",
      metadata: { workspace_id: workspaceId },
    });
    await harness.stripe.customers.update(duplicate.id, { name: "A duplicate" });
    await settle();

    expect(await account(workspaceId)).toMatchObject({
      stripeCustomerId: customerId,
      planId: "pro",
      status: "trialing",
    });
    expect(await history(workspaceId)).toEqual(historyBefore);
    const [conflict] = await db
      .select()
      .from(billingCustomerConflicts)
      .where(eq(billingCustomerConflicts.stripeCustomerId, duplicate.id));
    expect(conflict).toMatchObject({ workspaceId, linkedCustomerId: customerId, seenCount: 1 });
    expect(await auditCount(workspaceId, "billing.customer_conflict")).toBe(1);
    const ledger = await db
      .select()
      .from(stripeEvents)
      .where(eq(stripeEvents.customerId, duplicate.id));
    expect(ledger.length).toBeGreaterThan(0);
    for (const event of ledger) {
      expect(event).toMatchObject({ status: "skipped", workspaceId: null });
      expect(event.lastError).toContain("conflict");
    }
    await Sentry.flush(2_000);
    expect(sentryMessages()).toContainEqual(
      expect.objectContaining({
        level: "warning",
        message: expect.stringContaining(duplicate.id) as string,
      }),
    );

    // Seen again: counted, not reported again; the real customer keeps applying.
    sentry.envelopes.length = 0;
    await harness.stripe.customers.update(duplicate.id, { name: "Still a duplicate" });
    await harness.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    await settle();
    await Sentry.flush(2_000);
    const [again] = await db
      .select()
      .from(billingCustomerConflicts)
      .where(eq(billingCustomerConflicts.stripeCustomerId, duplicate.id));
    expect(again!.seenCount).toBe(2);
    expect(await auditCount(workspaceId, "billing.customer_conflict")).toBe(1);
    expect(sentryMessages()).toEqual([]);
    expect(await account(workspaceId)).toMatchObject({
      stripeCustomerId: customerId,
      cancelAtPeriodEnd: true,
    });
  });
});

describe("a customer deleted in Stripe (items 3 and 4)", () => {
  it("unlinks it, keeps the history, and subscribes again with a fresh customer", async () => {
    const { team, customerId } = await subscribed();
    const workspaceId = team.workspace.id;
    await later();
    await harness.stripe.customers.del(customerId);
    await settle();

    expect(await account(workspaceId)).toMatchObject({
      stripeCustomerId: null,
      formerStripeCustomerIds: [customerId],
      planId: "free",
      status: "canceled",
    });
    expect((await history(workspaceId)).map((h) => h.status)).toEqual(["trialing", "canceled"]);
    await expect(openBillingPortal(as(team.owner), workspaceId)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("choose a plan first") as string,
    });

    await later();
    const { url } = await startCheckout(as(team.owner), workspaceId, { plan: "pro" });
    expect((await payCheckout(url)).status).toBe(303);
    await settle();

    const after = await account(workspaceId);
    expect(after.stripeCustomerId).toMatch(/^cus_/);
    expect(after.stripeCustomerId).not.toBe(customerId);
    // One trial per workspace: the second subscription is paid at once.
    expect(await getBillingState(workspaceId)).toMatchObject({
      planId: "pro",
      status: "active",
      effectivePlanId: "pro",
    });
    const rows = await history(workspaceId);
    expect(rows.map((h) => [h.status, h.movement, h.stripeCustomerId])).toEqual([
      ["trialing", "none", customerId],
      ["canceled", "none", customerId],
      ["active", "new", after.stripeCustomerId],
    ]);
    expect((await openBillingPortal(as(team.owner), workspaceId)).url).toMatch(/^http/);
  });

  it("adds one history row and one audit entry, however often it is reconciled", async () => {
    const clock = installClock();
    const { team, customerId } = await subscribed();
    const workspaceId = team.workspace.id;
    await later();
    await harness.stripe.customers.del(customerId);
    await settle();
    const afterDeletion = await history(workspaceId);
    expect(afterDeletion.map((h) => h.status)).toEqual(["trialing", "canceled"]);
    const audited = await auditCount(workspaceId, "billing.subscription_changed");

    for (let run = 0; run < 5; run++) {
      clock.advance(HOUR_MS);
      await reconcileNow();
    }
    expect(await history(workspaceId)).toEqual(afterDeletion);
    expect(await auditCount(workspaceId, "billing.subscription_changed")).toBe(audited);
  });

  it("records nothing for a canceled workspace whose customer has no subscription", async () => {
    // An ended manual contract: canceled locally, a Stripe customer without subscriptions.
    const team = await createTeam();
    const workspaceId = team.workspace.id;
    const customer = await harness.stripe.customers.create({
      metadata: { workspace_id: workspaceId },
    });
    await db
      .update(billingAccounts)
      .set({
        stripeCustomerId: customer.id,
        planId: "free",
        status: "canceled",
        billingInterval: null,
        stripeSubscriptionId: null,
        seats: 1,
        amountCents: 0,
      })
      .where(eq(billingAccounts.workspaceId, workspaceId));
    for (let run = 0; run < 5; run++) await syncCustomer(customer.id, { reason: "reconcile" });
    expect(await auditCount(workspaceId, "billing.subscription_changed")).toBe(0);
    expect(await history(workspaceId)).toEqual([]);
    expect(await account(workspaceId)).toMatchObject({ status: "canceled", planId: "free" });
  });

  it("has a migration whose cleanup leaves exactly the history a fresh replay produces", async () => {
    // The live history of a customer that subscribed, converted, upgraded and was deleted …
    const { team, customerId, subscriptionId } = await subscribed();
    const workspaceId = team.workspace.id;
    await later();
    await harness.stripe.subscriptions.update(subscriptionId, { trial_end: "now" });
    await later();
    const prices = await harness.stripe.prices.list({ lookup_keys: ["team_monthly"] });
    const subscription = await harness.stripe.subscriptions.retrieve(subscriptionId);
    await harness.stripe.subscriptions.update(subscriptionId, {
      items: [{ id: subscription.items.data[0]!.id, price: prices.data[0]!.id, quantity: 3 }],
    });
    await later();
    await harness.stripe.customers.del(customerId);
    await settle();

    // … replayed fresh: history, ledger and state emptied, every event delivered again.
    const events = (await allEvents(harness.stripe)).filter(
      (event) => (event.data.object as { customer?: string }).customer === customerId,
    );
    await db.delete(subscriptionHistory).where(eq(subscriptionHistory.workspaceId, workspaceId));
    await db.delete(stripeEvents).where(eq(stripeEvents.customerId, customerId));
    await db.delete(jobs).where(eq(jobs.orderingKey, `stripe:${customerId}`));
    for (const event of events) {
      const response = await stripeWebhook(
        signedStripeRequest(harness.stripe, harness.webhookSecret, JSON.stringify(event)),
      );
      expect(response.status).toBe(200);
    }
    await drainJobs();
    const fresh = await history(workspaceId);
    expect(fresh.map((h) => [h.status, h.planId, h.movement])).toEqual([
      ["trialing", "pro", "none"],
      ["active", "pro", "new"],
      ["active", "team", "expansion"],
      ["canceled", "team", "churn"],
    ]);

    // What the old code wrote for the same customer, in another workspace: the same rows up to
    // the deletion, then a `none` row for every later sync (two webhooks, four reconciliations),
    // and no movements.
    const other = await createTeam();
    const start = Date.now() - 10 * HOUR_MS;
    const legacy = [
      ...fresh.slice(0, -1),
      ...Array.from({ length: 6 }, () => ({
        planId: "free",
        billingInterval: null,
        status: "none",
        seats: 1,
        amountCents: 0,
        mrrCents: 0,
      })),
    ];
    for (const [index, row] of legacy.entries()) {
      const at = new Date(start + index * HOUR_MS);
      await db.insert(subscriptionHistory).values({
        id: createId("subh"),
        workspaceId: other.workspace.id,
        source: "legacy",
        planId: row.planId,
        billingInterval: row.billingInterval,
        status: row.status,
        seats: row.seats,
        amountCents: row.amountCents,
        mrrCents: row.mrrCents,
        reason: "sync",
        effectiveAt: at,
        recordedAt: at,
      });
    }

    const migration = readFileSync(
      path.join(
        import.meta.dirname,
        "../../supabase/migrations/20261204210717_billing_safety_net.sql",
      ),
      "utf8",
    );
    const cleanup = migration.slice(
      migration.indexOf("-- cleanup:begin"),
      migration.indexOf("-- cleanup:end"),
    );
    const statements = cleanup.split("--> statement-breakpoint").filter((s) => s.trim());
    expect(statements.length).toBeGreaterThan(3);
    const columns = (rows: Awaited<ReturnType<typeof history>>) =>
      rows.map((h) => ({
        planId: h.planId,
        billingInterval: h.billingInterval,
        status: h.status,
        seats: h.seats,
        amountCents: h.amountCents,
        mrrCents: h.mrrCents,
        previousStatus: h.previousStatus,
        previousMrrCents: h.previousMrrCents,
        movement: h.movement,
      }));
    // Twice: running it again changes nothing; the derived rows are never touched.
    for (let run = 0; run < 2; run++) {
      for (const statement of statements) await db.execute(sql.raw(statement));
      expect(columns(await history(other.workspace.id))).toEqual(columns(fresh));
      expect(await history(workspaceId)).toEqual(fresh);
    }
  });
});

describe("the subscription history (item 5)", () => {
  it("records every change a customer pays for, once, with its MRR movement", async () => {
    const { team, subscriptionId } = await subscribed();
    const workspaceId = team.workspace.id;
    const step = async (change: () => Promise<unknown>) => {
      await later();
      await change();
      await settle();
    };
    await step(() => harness.stripe.subscriptions.update(subscriptionId, { trial_end: "now" }));
    await step(() =>
      harness.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true }),
    );
    await step(() =>
      harness.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false }),
    );
    const team3 = (await harness.stripe.prices.list({ lookup_keys: ["team_monthly"] })).data[0]!;
    const item = (await harness.stripe.subscriptions.retrieve(subscriptionId)).items.data[0]!;
    await step(() =>
      harness.stripe.subscriptions.update(subscriptionId, {
        items: [{ id: item.id, price: team3.id, quantity: 3 }],
      }),
    );
    await step(() =>
      harness.stripe.subscriptions.update(subscriptionId, {
        items: [{ id: item.id, quantity: 5 }],
      }),
    );
    await step(() => harness.stripe.subscriptions.cancel(subscriptionId));
    // A replacement subscription at the Pro price.
    const { url } = await startCheckout(as(team.owner), workspaceId, { plan: "pro" });
    await step(() => payCheckout(url));

    const rows = await history(workspaceId);
    expect(
      rows.map((h) => [h.status, h.planId, h.seats, h.mrrCents, h.cancelAtPeriodEnd, h.movement]),
    ).toEqual([
      ["trialing", "pro", 1, 0, false, "none"],
      ["active", "pro", 1, 2900, false, "new"],
      ["active", "pro", 1, 2900, true, "none"],
      ["active", "pro", 1, 2900, false, "none"],
      ["active", "team", 3, 3600, false, "expansion"],
      ["active", "team", 5, 6000, false, "expansion"],
      ["canceled", "team", 5, 0, false, "churn"],
      ["active", "pro", 1, 2900, false, "reactivation"],
    ]);
    for (const [index, row] of rows.entries()) {
      expect(row.source).toBe("stripe");
      expect(row.stripeEventId).toMatch(/^evt_/);
      if (index === 0) continue;
      const before = rows[index - 1]!;
      expect(row.previousMrrCents).toBe(before.mrrCents);
      expect(row.previousStatus).toBe(before.status);
      expect(row.effectiveAt.getTime()).toBeGreaterThanOrEqual(before.effectiveAt.getTime());
    }
    expect(rows[6]!.stripeSubscriptionId).toBe(subscriptionId);
    expect(rows[7]!.stripeSubscriptionId).not.toBe(subscriptionId);
    expect(rows[2]!.currentPeriodEnd).not.toBeNull();

    // Looking again changes nothing.
    await reconcileNow();
    expect(await history(workspaceId)).toEqual(rows);
  });
});

describe("an event for a customer Stripe doesn't know (item 7)", () => {
  it("is skipped at once with the reason, without retries or an alert", async () => {
    const id = `evt_unknown_${createId("x").slice(2)}`;
    const payload = JSON.stringify({
      id,
      object: "event",
      type: "customer.subscription.updated",
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: "sub_nobody", object: "subscription", customer: "cus_nobody" } },
    });
    const response = await stripeWebhook(
      signedStripeRequest(harness.stripe, harness.webhookSecret, payload),
    );
    expect(response.status).toBe(200);
    await drainJobs();
    const [event] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, id));
    expect(event).toMatchObject({ status: "skipped", attempts: 1 });
    expect(event!.lastError).toContain("Stripe has no customer cus_nobody");
    const [job] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.singletonKey, `stripe-event:${id}`));
    expect(job).toMatchObject({ status: "completed", attempts: 1 });
    await Sentry.flush(2_000);
    expect(sentryMessages()).toEqual([]);
  });
});

describe("the grace period (item 9)", () => {
  it("counts from Stripe's failed attempt, however late the webhook arrives", async () => {
    const clock = installClock();
    const { team, customerId } = await subscribed();
    await harness.control(`customers/${customerId}/card`, { behavior: "fail" });
    // The trial ends and the first payment fails during a two-day webhook outage.
    await harness.pauseDelivery();
    await harness.control("advance", { seconds: 15 * DAY });
    clock.advance(2 * 24 * HOUR_MS);
    await harness.resumeDelivery();
    await settle();

    const open = await harness.stripe.invoices.list({ customer: customerId, status: "open" });
    const failedAt = new Date(open.data[0]!.status_transitions.finalized_at! * 1000);
    const state = await getBillingState(team.workspace.id);
    expect(state).toMatchObject({ status: "past_due", pastDueSince: failedAt.toISOString() });
    expect(state.graceEndsAt).toBe(new Date(failedAt.getTime() + 7 * 24 * HOUR_MS).toISOString());

    // A day later a reconciliation looks again: the deadline stays where Stripe put it.
    clock.advance(24 * HOUR_MS);
    await reconcileNow();
    expect((await getBillingState(team.workspace.id)).pastDueSince).toBe(failedAt.toISOString());
  });
});
