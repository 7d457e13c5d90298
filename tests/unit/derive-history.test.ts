import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { deriveHistory, type FixedRow, type Observation } from "@/lib/billing/derive-history";

// The subscription history is a pure function of the subscription snapshots in the ledger:
// same events, same rows, whatever order they arrive in. Times are built relative to now.

const T0 = Math.floor(Date.now() / 1000);
const DAY = 86_400;

interface SubscriptionFields {
  id?: string;
  customer?: string;
  status?: string;
  lookupKey?: string;
  unitAmount?: number;
  quantity?: number;
  cancelAtPeriodEnd?: boolean;
  created?: number;
}

function subscription(fields: SubscriptionFields = {}): Stripe.Subscription {
  return {
    id: fields.id ?? "sub_1",
    object: "subscription",
    customer: fields.customer ?? "cus_1",
    status: fields.status ?? "active",
    created: fields.created ?? T0,
    cancel_at_period_end: fields.cancelAtPeriodEnd ?? false,
    canceled_at: null,
    trial_end: null,
    items: {
      object: "list",
      data: [
        {
          id: "si_1",
          quantity: fields.quantity ?? 1,
          current_period_start: T0,
          current_period_end: T0 + 30 * DAY,
          price: {
            id: `price_${fields.lookupKey ?? "pro_monthly"}`,
            lookup_key: fields.lookupKey ?? "pro_monthly",
            unit_amount: fields.unitAmount ?? 2900,
            currency: "usd",
            metadata: {},
          },
        },
      ],
    },
  } as unknown as Stripe.Subscription;
}

let sequence = 0;
function observe(
  at: number,
  type: string,
  fields: SubscriptionFields,
  previous: Record<string, unknown> | null = null,
): Observation {
  sequence += 1;
  return {
    eventId: `evt_${String(sequence).padStart(4, "0")}`,
    type,
    created: new Date(at * 1000),
    subscription: subscription(fields),
    previousAttributes: previous,
  };
}

const shape = (rows: ReturnType<typeof deriveHistory>) =>
  rows.map((r) => [r.status, r.planId, r.seats, r.mrrCents, r.movement, r.cancelAtPeriodEnd]);

describe("deriveHistory", () => {
  it("writes a row only when something it records changes, with the movement", () => {
    const events = [
      observe(T0, "customer.subscription.created", { status: "trialing" }),
      observe(T0 + 60, "customer.subscription.trial_will_end", { status: "trialing" }),
      observe(T0 + DAY, "customer.subscription.updated", {}, { status: "trialing" }),
      observe(
        T0 + 2 * DAY,
        "customer.subscription.updated",
        { cancelAtPeriodEnd: true },
        { cancel_at_period_end: false },
      ),
      observe(
        T0 + 3 * DAY,
        "customer.subscription.updated",
        { cancelAtPeriodEnd: false },
        { cancel_at_period_end: true },
      ),
      observe(T0 + 4 * DAY, "customer.subscription.updated", {
        lookupKey: "team_monthly",
        unitAmount: 1200,
        quantity: 3,
      }),
      observe(T0 + 5 * DAY, "customer.subscription.updated", {
        lookupKey: "team_monthly",
        unitAmount: 1200,
        quantity: 2,
      }),
      observe(T0 + 6 * DAY, "customer.subscription.deleted", {
        status: "canceled",
        lookupKey: "team_monthly",
        unitAmount: 1200,
        quantity: 2,
      }),
      observe(T0 + 7 * DAY, "customer.subscription.created", {
        id: "sub_2",
        created: T0 + 7 * DAY,
      }),
    ];
    const rows = deriveHistory(events, []);
    expect(shape(rows)).toEqual([
      ["trialing", "pro", 1, 0, "none", false],
      ["active", "pro", 1, 2900, "new", false],
      ["active", "pro", 1, 2900, "none", true],
      ["active", "pro", 1, 2900, "none", false],
      ["active", "team", 3, 3600, "expansion", false],
      ["active", "team", 2, 2400, "contraction", false],
      ["canceled", "team", 2, 0, "churn", false],
      ["active", "pro", 1, 2900, "reactivation", false],
    ]);
    expect(rows.map((r) => r.previousMrrCents)).toEqual([0, 0, 2900, 2900, 2900, 3600, 2400, 0]);
    expect(rows.map((r) => r.previousStatus)).toEqual([
      "none",
      "trialing",
      "active",
      "active",
      "active",
      "active",
      "active",
      "canceled",
    ]);
    expect(rows[7]!.stripeSubscriptionId).toBe("sub_2");
    expect(rows[1]!.effectiveAt).toEqual(new Date((T0 + DAY) * 1000));
  });

  it("gives the same rows however the events are ordered", () => {
    const events = [
      observe(T0, "customer.subscription.created", { status: "trialing" }),
      observe(T0 + DAY, "customer.subscription.updated", {}, { status: "trialing" }),
      observe(T0 + 2 * DAY, "customer.subscription.updated", { quantity: 2 }, { quantity: 1 }),
    ];
    const expected = deriveHistory(events, []);
    expect(deriveHistory([...events].reverse(), [])).toEqual(expected);
    expect(deriveHistory([events[1]!, events[2]!, events[0]!, events[1]!], [])).toEqual(expected);
  });

  it("orders the changes of one second by the events themselves, not by id or arrival", () => {
    // A renewal: the period moves (status still active), then the payment fails (past_due),
    // both stamped in the same second. The failure's event has the lower id.
    const at = T0 + 30 * DAY;
    const renewed = observe(at, "customer.subscription.updated", {}, { items: "old period" });
    const failed = observe(
      at,
      "customer.subscription.updated",
      { status: "past_due" },
      {
        status: "active",
      },
    );
    [renewed.eventId, failed.eventId] = ["evt_b", "evt_a"];
    const created = observe(T0, "customer.subscription.created", {});
    for (const order of [
      [created, renewed, failed],
      [created, failed, renewed],
    ]) {
      const rows = deriveHistory(order, []);
      expect(rows.map((r) => r.status)).toEqual(["active", "past_due"]);
      expect(rows[1]!.stripeEventId).toBe("evt_a");
    }
  });

  it("places Stripe rows among an operator's rows and keeps a manual contract", () => {
    const manual: FixedRow = {
      source: "manual",
      effectiveAt: new Date((T0 + DAY) * 1000),
      stripeCustomerId: null,
      stripeSubscriptionId: null,
      planId: "enterprise",
      billingInterval: null,
      status: "active",
      seats: 1,
      amountCents: 0,
      currency: "usd",
      cancelAtPeriodEnd: false,
      mrrCents: 150_000,
    };
    const rows = deriveHistory(
      [
        observe(T0, "customer.subscription.created", {}),
        // The Pro subscription is canceled after the move to Enterprise: no churn row.
        observe(T0 + 2 * DAY, "customer.subscription.deleted", { status: "canceled" }),
      ],
      [manual],
    );
    expect(shape(rows)).toEqual([["active", "pro", 1, 2900, "new", false]]);
  });

  it("leaves out events the legacy rows already tell", () => {
    const legacy: FixedRow = {
      source: "legacy",
      effectiveAt: new Date((T0 + DAY) * 1000),
      stripeCustomerId: null,
      stripeSubscriptionId: null,
      planId: "pro",
      billingInterval: "monthly",
      status: "active",
      seats: 1,
      amountCents: 2900,
      currency: "usd",
      cancelAtPeriodEnd: false,
      mrrCents: 2900,
    };
    const rows = deriveHistory(
      [
        observe(T0, "customer.subscription.created", { status: "trialing" }),
        observe(T0 + 2 * DAY, "customer.subscription.updated", { quantity: 2 }, { quantity: 1 }),
      ],
      [legacy],
    );
    expect(shape(rows)).toEqual([["active", "pro", 2, 5800, "expansion", false]]);
    expect(rows[0]!.previousMrrCents).toBe(2900);
  });
});
