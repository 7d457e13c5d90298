import { eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { startCheckout } from "@/lib/billing/checkout";
import { invalidateBilling } from "@/lib/billing/entitlements";
import { HANDLED_EVENTS } from "@/lib/billing/webhook";
import { db } from "@/lib/db";
import {
  billingAccounts,
  emailOutbox,
  jobs,
  stripeEvents,
  subscriptionHistory,
} from "@/lib/db/schema";
import { drainJobs } from "@/lib/jobs/worker";
import {
  allEvents,
  payCheckout,
  signedStripeRequest,
  startBillingHarness,
  type BillingHarness,
} from "../support/billing";
import { createTeam } from "../support/factories";

// The scenario harness: realistic Stripe event sequences, produced by the emulator from real
// actions (checkout, plan and seat changes, failed renewals, cancellations, refunds, disputes),
// replayed into the webhook pipeline in order and again with every event duplicated and the
// order shuffled. The final state and the emails must be the same every time.

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
  };
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
});
