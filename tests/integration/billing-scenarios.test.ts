import { asc, eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { startCheckout } from "@/lib/billing/checkout";
import { invalidateBilling } from "@/lib/billing/entitlements";
import { reconcileNow } from "@/lib/billing/reconcile";
import { stripe as stripeClient } from "@/lib/billing/stripe";
import { HANDLED_EVENTS } from "@/lib/billing/webhook";
import { db } from "@/lib/db";
import {
  billingAccounts,
  billingCustomerConflicts,
  emailOutbox,
  jobs,
  stripeEvents,
  subscriptionHistory,
} from "@/lib/db/schema";
import { drainJobs } from "@/lib/jobs/worker";
import {
  allEvents,
  billingAccountOf,
  payCheckout,
  signedStripeRequest,
  startBillingHarness,
  type BillingHarness,
} from "../support/billing";
import { installClock } from "../support/clock";
import { createTeam } from "../support/factories";

// The scenario harness: realistic Stripe event sequences, produced by the emulator from real
// actions (checkout, plan and seat changes, failed renewals, cancellations, refunds, disputes),
// replayed into the webhook pipeline in order and again with every event duplicated and the
// order shuffled. The final state, the emails and the subscription history must be the same
// every time. The safety net (issue 13) adds: reconciliation twice in an hour, a duplicate
// customer, delete-then-resubscribe, and a replay of the whole history from an empty database.

let harness: BillingHarness;
const DAY = 24 * 60 * 60;

beforeAll(async () => {
  // No live delivery: each scenario's events are collected and replayed by the test.
  harness = await startBillingHarness();
});

afterAll(async () => {
  await harness.close();
});

interface Context {
  stripe: Stripe;
  customerId: string;
  subscriptionId: string;
  control: BillingHarness["control"];
}

async function priceId(lookupKey: string) {
  const prices = await harness.stripe.prices.list({ lookup_keys: [lookupKey] });
  return prices.data[0]!.id;
}

async function itemId(subscriptionId: string) {
  const subscription = await harness.stripe.subscriptions.retrieve(subscriptionId);
  return subscription.items.data[0]!.id;
}

async function latestCharge(customerId: string) {
  const charges = await harness.stripe.charges.list({ customer: customerId, limit: 1 });
  return charges.data[0]!.id;
}

interface Scenario {
  name: string;
  plan: "pro" | "team";
  seats?: number;
  run(context: Context): Promise<void>;
  expected: Record<string, unknown>;
  emails: string[];
}

const SCENARIOS: Scenario[] = [
  {
    name: "subscribe with a trial",
    plan: "pro",
    run: async () => {},
    expected: { planId: "pro", status: "trialing", seats: 1 },
    emails: ["subscription-confirmed"],
  },
  {
    name: "upgrade from Pro to Team with three seats",
    plan: "pro",
    run: async ({ stripe, subscriptionId }) => {
      await stripe.subscriptions.update(subscriptionId, {
        items: [
          { id: await itemId(subscriptionId), price: await priceId("team_monthly"), quantity: 3 },
        ],
      });
    },
    expected: { planId: "team", status: "trialing", seats: 3, amountCents: 3600 },
    emails: ["subscription-confirmed"],
  },
  {
    name: "downgrade from Team to Pro",
    plan: "team",
    seats: 3,
    run: async ({ stripe, subscriptionId }) => {
      await stripe.subscriptions.update(subscriptionId, {
        items: [
          { id: await itemId(subscriptionId), price: await priceId("pro_monthly"), quantity: 1 },
        ],
      });
    },
    expected: { planId: "pro", seats: 1, amountCents: 2900 },
    emails: ["subscription-confirmed"],
  },
  {
    name: "add seats on Team",
    plan: "team",
    seats: 3,
    run: async ({ stripe, subscriptionId }) => {
      await stripe.subscriptions.update(subscriptionId, {
        items: [{ id: await itemId(subscriptionId), quantity: 5 }],
      });
    },
    expected: { planId: "team", seats: 5, amountCents: 6000 },
    emails: ["subscription-confirmed"],
  },
  {
    name: "failed renewal, then recovery",
    plan: "pro",
    run: async ({ control, customerId }) => {
      await control(`customers/${customerId}/card`, { behavior: "fail" });
      await control("advance", { seconds: 15 * DAY });
      await control(`customers/${customerId}/card`, { behavior: "succeed" });
      await control("advance", { seconds: 3 * DAY + 60 });
    },
    expected: { planId: "pro", status: "active", pastDueSince: null },
    emails: ["payment-succeeded", "subscription-confirmed"],
  },
  {
    name: "cancel at period end",
    plan: "pro",
    run: async ({ stripe, control, subscriptionId }) => {
      await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
      await control("advance", { seconds: 50 * DAY });
    },
    expected: { planId: "pro", status: "canceled" },
    emails: ["subscription-canceled"],
  },
  {
    name: "immediate cancel",
    plan: "pro",
    run: async ({ stripe, subscriptionId }) => {
      await stripe.subscriptions.cancel(subscriptionId);
    },
    expected: { status: "canceled" },
    emails: ["subscription-canceled"],
  },
  {
    name: "refund after the first paid invoice",
    plan: "pro",
    run: async ({ stripe, control, customerId }) => {
      await control("advance", { seconds: 15 * DAY });
      await stripe.refunds.create({ charge: await latestCharge(customerId) });
    },
    expected: { planId: "pro", status: "active" },
    emails: ["payment-succeeded", "subscription-confirmed"],
  },
  {
    name: "dispute on a payment",
    plan: "pro",
    run: async ({ control, customerId }) => {
      await control("advance", { seconds: 15 * DAY });
      await control(`charges/${await latestCharge(customerId)}/dispute`, {});
    },
    expected: { planId: "pro", status: "active" },
    emails: ["payment-succeeded", "subscription-confirmed"],
  },
];

/** A deterministic shuffle, so a failure can be reproduced. */
function shuffled<T>(items: T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

function aboutCustomer(event: Stripe.Event, customerId: string) {
  const object = event.data.object as { id?: string; customer?: unknown };
  return object.customer === customerId || object.id === customerId;
}

async function resetLocal(workspaceId: string, customerId: string, owner: string) {
  await db
    .update(billingAccounts)
    .set({
      planId: "free",
      status: "none",
      billingInterval: null,
      stripeSubscriptionId: null,
      stripePriceId: null,
      seats: 1,
      amountCents: 0,
      currentPeriodEnd: null,
      trialEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      pastDueSince: null,
      lastEventAt: null,
    })
    .where(eq(billingAccounts.workspaceId, workspaceId));
  await db.delete(subscriptionHistory).where(eq(subscriptionHistory.workspaceId, workspaceId));
  await db.delete(stripeEvents).where(eq(stripeEvents.customerId, customerId));
  await db.delete(emailOutbox).where(eq(emailOutbox.to, owner));
  await db.delete(jobs).where(inArray(jobs.name, ["stripe.process-event"]));
  await invalidateBilling(workspaceId);
}

async function replay(events: Stripe.Event[], workspaceId: string, owner: string) {
  for (const event of events) {
    const response = await stripeWebhook(
      signedStripeRequest(harness.stripe, harness.webhookSecret, JSON.stringify(event)),
    );
    expect(response.status).toBe(200);
  }
  await drainJobs();
  const [account] = await db
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  const emails = await db
    .select({ template: emailOutbox.template })
    .from(emailOutbox)
    .where(eq(emailOutbox.to, owner));
  const { updatedAt: _u, syncedAt: _s, pastDueSince, ...state } = account!;
  return {
    state: { ...state, pastDueSince: pastDueSince === null ? null : "set" },
    emails: emails.map((e) => e.template).sort(),
    history: await historyOf([workspaceId]),
  };
}

/** The subscription history of some workspaces, row for row (without ids and write times). */
async function historyOf(workspaceIds: string[]) {
  const rows = await db
    .select()
    .from(subscriptionHistory)
    .where(inArray(subscriptionHistory.workspaceId, workspaceIds))
    .orderBy(
      asc(subscriptionHistory.workspaceId),
      asc(subscriptionHistory.effectiveAt),
      asc(subscriptionHistory.recordedAt),
    );
  return rows.map(({ id: _id, recordedAt: _recorded, ...row }) => row);
}

describe("the Stripe event pipeline", () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: same state and emails in order, duplicated and shuffled`, async () => {
      const team = await createTeam();
      const owner = team.owner.email.toLowerCase();
      await resetLocal(team.workspace.id, "", owner);
      const { url } = await startCheckout({ userId: team.owner.id }, team.workspace.id, {
        plan: scenario.plan,
        interval: "monthly",
        seats: scenario.seats,
      });
      expect((await payCheckout(url)).status).toBe(303);
      const [linked] = await db
        .select()
        .from(billingAccounts)
        .where(eq(billingAccounts.workspaceId, team.workspace.id));
      const customerId = linked!.stripeCustomerId!;
      const subscriptions = await harness.stripe.subscriptions.list({ customer: customerId });
      const subscriptionId = subscriptions.data[0]!.id;

      await scenario.run({
        stripe: harness.stripe,
        customerId,
        subscriptionId,
        control: harness.control,
      });
      const events = (await allEvents(harness.stripe)).filter((e) => aboutCustomer(e, customerId));
      expect(events.length).toBeGreaterThan(2);

      await resetLocal(team.workspace.id, customerId, owner);
      const inOrder = await replay(events, team.workspace.id, owner);
      expect(inOrder.state).toMatchObject(scenario.expected);
      expect(inOrder.emails).toEqual([...scenario.emails].sort());
      expect(inOrder.history.length).toBeGreaterThan(0);

      for (const seed of [1, 2, 3]) {
        await resetLocal(team.workspace.id, customerId, owner);
        const messy = shuffled([...events, ...events], seed);
        expect(await replay(messy, team.workspace.id, owner)).toEqual(inOrder);
      }
      // Each event is in the ledger once, however often it arrived.
      const ledger = await db
        .select({ id: stripeEvents.id })
        .from(stripeEvents)
        .where(eq(stripeEvents.customerId, customerId));
      const handled = events.filter((e) => HANDLED_EVENTS.has(e.type));
      expect(ledger).toHaveLength(new Set(handled.map((e) => e.id)).size);
    });
  }

  it("keeps an event whose processing gave up in the history the later events rebuild", async () => {
    // Fixed order: customer.subscription.created is delivered first, its processing fails
    // (Stripe unreachable) until the job gives up, then the rest arrive in order. The account
    // converges from the later events; the history must still start at the subscription's
    // creation, as it does when nothing failed (before the fix the event, never tagged with the
    // workspace, was left out of every rebuild and the history started at trial_will_end).
    const team = await createTeam();
    const owner = team.owner.email.toLowerCase();
    await resetLocal(team.workspace.id, "", owner);
    const { url } = await startCheckout({ userId: team.owner.id }, team.workspace.id, {
      plan: "pro",
      interval: "monthly",
    });
    expect((await payCheckout(url)).status).toBe(303);
    const [linked] = await db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.workspaceId, team.workspace.id));
    const customerId = linked!.stripeCustomerId!;
    await harness.control(`customers/${customerId}/card`, { behavior: "fail" });
    await harness.control("advance", { seconds: 15 * DAY });
    await harness.control(`customers/${customerId}/card`, { behavior: "succeed" });
    await harness.control("advance", { seconds: 3 * DAY + 60 });
    const events = (await allEvents(harness.stripe)).filter((e) => aboutCustomer(e, customerId));

    await resetLocal(team.workspace.id, customerId, owner);
    const inOrder = await replay(events, team.workspace.id, owner);
    expect(inOrder.history[0]).toMatchObject({ reason: "customer.subscription.created" });

    await resetLocal(team.workspace.id, customerId, owner);
    const created = events.find((e) => e.type === "customer.subscription.created")!;
    const unreachable = vi
      .spyOn(stripeClient().customers, "retrieve")
      .mockRejectedValue(new Error("Stripe is unreachable"));
    try {
      await replay([created], team.workspace.id, owner);
    } finally {
      unreachable.mockRestore();
    }
    // The job gave up (as after its last retry); the event stays in the ledger, failed.
    await db
      .update(jobs)
      .set({ status: "dead" })
      .where(eq(jobs.singletonKey, `stripe-event:${created.id}`));
    const [failed] = await db
      .select({ status: stripeEvents.status, workspaceId: stripeEvents.workspaceId })
      .from(stripeEvents)
      .where(eq(stripeEvents.id, created.id));
    expect(failed).toEqual({ status: "failed", workspaceId: null });

    const rest = events.filter((e) => e.id !== created.id);
    expect(await replay(rest, team.workspace.id, owner)).toEqual(inOrder);
  });
});

/**
 * Live delivery, step by step: post the events Stripe created since the last call, in order, and
 * run the queue (what a deployed app sees when webhooks arrive as things happen).
 */
const seen = new Set<string>();
async function skipPastEvents() {
  for (const event of await allEvents(harness.stripe)) seen.add(event.id);
}
async function deliverNew() {
  const fresh = (await allEvents(harness.stripe)).filter((event) => !seen.has(event.id));
  for (const event of fresh) {
    seen.add(event.id);
    const response = await stripeWebhook(
      signedStripeRequest(harness.stripe, harness.webhookSecret, JSON.stringify(event)),
    );
    expect(response.status).toBe(200);
  }
  await drainJobs();
}
/** A webhook that never arrives: the events since the last delivery are lost. */
const loseNew = skipPastEvents;

/** A minute passes in Stripe, so the next change is its own history row. */
const later = () => harness.control("advance", { seconds: 60 });

const accountOf = billingAccountOf;

async function subscribeLive(plan: "pro" | "team", seats?: number) {
  const team = await createTeam();
  await resetLocal(team.workspace.id, "", team.owner.email.toLowerCase());
  await checkoutLive(team, plan, seats);
  const account = await accountOf(team.workspace.id);
  return {
    team,
    customerId: account.stripeCustomerId!,
    subscriptionId: account.stripeSubscriptionId!,
  };
}

async function checkoutLive(
  team: Awaited<ReturnType<typeof createTeam>>,
  plan: "pro" | "team",
  seats?: number,
) {
  const { url } = await startCheckout({ userId: team.owner.id }, team.workspace.id, {
    plan,
    interval: "monthly",
    seats,
  });
  expect((await payCheckout(url)).status).toBe(303);
  await deliverNew();
}

async function changeItem(subscriptionId: string, change: { price?: string; quantity?: number }) {
  await harness.stripe.subscriptions.update(subscriptionId, {
    items: [{ id: await itemId(subscriptionId), ...change }],
  });
}

describe("the safety net", () => {
  it("repairs drift on every reconciliation, twice in one hour", async () => {
    await skipPastEvents();
    const clock = installClock();
    const hour = clock.now();
    hour.setUTCMinutes(5, 0, 0);
    clock.set(hour);
    const { team, subscriptionId } = await subscribeLive("pro");
    const workspaceId = team.workspace.id;

    // A manual run at HH:05 after a lost webhook …
    await later();
    await changeItem(subscriptionId, { price: await priceId("team_monthly"), quantity: 3 });
    await loseNew();
    const first = await reconcileNow();
    expect(first.repaired).toContainEqual({
      workspaceId,
      from: "pro/trialing/1",
      to: "team/trialing/3",
    });
    // … and the hourly run at HH:41, after another one.
    clock.advance(36 * 60_000);
    await later();
    await changeItem(subscriptionId, { quantity: 5 });
    await loseNew();
    const second = await reconcileNow();
    expect(second.repaired).toContainEqual({
      workspaceId,
      from: "team/trialing/3",
      to: "team/trialing/5",
    });
    expect(await accountOf(workspaceId)).toMatchObject({ planId: "team", seats: 5 });
    // Nothing drifted since: the next run repairs nothing for it.
    const third = await reconcileNow();
    expect(third.repaired.map((r) => r.workspaceId)).not.toContain(workspaceId);
  });

  it("replays the whole history from an empty database into the identical subscription_history", async () => {
    await skipPastEvents();
    const card = (customerId: string, behavior: "fail" | "succeed") =>
      harness.control(`customers/${customerId}/card`, { behavior });

    // One workspace through everything a customer can pay for …
    const first = await subscribeLive("pro");
    await later();
    await harness.stripe.subscriptions.update(first.subscriptionId, { trial_end: "now" });
    await deliverNew();
    await later();
    await harness.stripe.subscriptions.update(first.subscriptionId, { cancel_at_period_end: true });
    await deliverNew();
    await later();
    await harness.stripe.subscriptions.update(first.subscriptionId, {
      cancel_at_period_end: false,
    });
    await deliverNew();
    await later();
    await changeItem(first.subscriptionId, { price: await priceId("team_monthly"), quantity: 3 });
    await deliverNew();
    await card(first.customerId, "fail");
    await harness.control("advance", { seconds: 32 * DAY });
    await deliverNew();
    await card(first.customerId, "succeed");
    await harness.control("advance", { seconds: 4 * DAY });
    await deliverNew();
    await later();
    await changeItem(first.subscriptionId, { price: await priceId("pro_monthly"), quantity: 1 });
    await deliverNew();

    // … one that a duplicate customer claims, whose customer is deleted, and that subscribes again …
    const second = await subscribeLive("team", 3);
    const duplicate = await harness.stripe.customers.create({
      metadata: { workspace_id: second.team.workspace.id },
    });
    await harness.stripe.customers.update(duplicate.id, { name: "Duplicate" });
    await deliverNew();
    await later();
    await harness.stripe.customers.del(second.customerId);
    await deliverNew();
    await later();
    await checkoutLive(second.team, "pro");
    const replacement = (await accountOf(second.team.workspace.id)).stripeCustomerId!;
    expect(replacement).not.toBe(second.customerId);

    // … and one that cancels at period end and comes back.
    const third = await subscribeLive("pro");
    await later();
    await harness.stripe.subscriptions.update(third.subscriptionId, { cancel_at_period_end: true });
    await deliverNew();
    await harness.control("advance", { seconds: 50 * DAY });
    await deliverNew();
    await later();
    await checkoutLive(third.team, "pro");
    await harness.stripe.subscriptions.cancel(first.subscriptionId);
    await deliverNew();

    const workspaceIds = [first, second, third].map((w) => w.team.workspace.id);
    const live = await historyOf(workspaceIds);
    const liveAccounts = await Promise.all(workspaceIds.map(accountOf));
    const movements = (workspaceId: string) =>
      live.filter((row) => row.workspaceId === workspaceId).map((row) => row.movement);
    expect(movements(first.team.workspace.id)).toEqual([
      "none", // trialing
      "new", // trial converted
      "none", // cancel at period end …
      "none", // … undone
      "expansion", // Team, three seats
      "none", // past due (still counted until it ends)
      "none", // paid again
      "contraction", // back to Pro
      "churn", // canceled
    ]);
    expect(movements(second.team.workspace.id)).toEqual(["none", "none", "new"]);
    // A trial canceled at its end never paid: coming back is its first revenue.
    expect(movements(third.team.workspace.id)).toEqual(["none", "none", "none", "new"]);
    const [conflict] = await db
      .select()
      .from(billingCustomerConflicts)
      .where(eq(billingCustomerConflicts.stripeCustomerId, duplicate.id));
    expect(conflict).toMatchObject({ workspaceId: second.team.workspace.id });

    // From an empty database: only the links to the customers (written by checkout, and by the
    // deletion that retired one) are kept; state, history, ledger and queue are rebuilt from
    // every event, each delivered twice, in a shuffled order.
    const customers = [
      first.customerId,
      second.customerId,
      replacement,
      duplicate.id,
      third.customerId,
    ];
    const events = (await allEvents(harness.stripe)).filter((event) =>
      customers.some((customerId) => aboutCustomer(event, customerId)),
    );
    await db
      .delete(subscriptionHistory)
      .where(inArray(subscriptionHistory.workspaceId, workspaceIds));
    await db.delete(stripeEvents).where(inArray(stripeEvents.customerId, customers));
    await db.delete(jobs).where(
      inArray(
        jobs.orderingKey,
        customers.map((c) => `stripe:${c}`),
      ),
    );
    for (const account of liveAccounts) {
      await db
        .update(billingAccounts)
        .set({
          planId: "free",
          status: "none",
          billingInterval: null,
          stripeSubscriptionId: null,
          stripePriceId: null,
          seats: 1,
          amountCents: 0,
          currentPeriodStart: null,
          currentPeriodEnd: null,
          trialEnd: null,
          cancelAtPeriodEnd: false,
          canceledAt: null,
          pastDueSince: null,
          lastEventAt: null,
        })
        .where(eq(billingAccounts.workspaceId, account.workspaceId));
    }
    for (const event of shuffled([...events, ...events], 13)) {
      const response = await stripeWebhook(
        signedStripeRequest(harness.stripe, harness.webhookSecret, JSON.stringify(event)),
      );
      expect(response.status).toBe(200);
    }
    await drainJobs();

    expect(await historyOf(workspaceIds)).toEqual(live);
    const strip = ({ updatedAt: _u, syncedAt: _s, ...account }: (typeof liveAccounts)[number]) =>
      account;
    expect((await Promise.all(workspaceIds.map(accountOf))).map(strip)).toEqual(
      liveAccounts.map(strip),
    );
    // Months of several customers' events, delivered twice: about 17 s alone, more on a busy
    // two-core machine running other test files beside it.
  }, 90_000);
});
