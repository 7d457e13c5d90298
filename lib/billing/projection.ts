import type Stripe from "stripe";
import type { SubscriptionStatus } from "@/lib/db/schema";
import { isPlanId, planForLookupKey, type PlanId } from "./plans";

/**
 * What a Stripe subscription means for a workspace: its plan, status, seats and amount. Pure, so
 * convergence (lib/billing/sync.ts) and the history derivation (lib/billing/history.ts) read a
 * subscription exactly the same way.
 */

/** Statuses of a subscription that is still running (billing_accounts follows the newest). */
export const LIVE_STATUSES: readonly SubscriptionStatus[] = [
  "active",
  "trialing",
  "past_due",
  "unpaid",
  "incomplete",
  "paused",
];

export interface Projection {
  planId: PlanId;
  billingInterval: string | null;
  status: SubscriptionStatus;
  stripeSubscriptionId: string | null;
  stripePriceId: string | null;
  seats: number;
  amountCents: number;
  currency: string;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
}

export const fromUnix = (seconds: number | null | undefined) =>
  seconds ? new Date(seconds * 1000) : null;

/** The subscription that decides the workspace's plan: the newest live one, else the newest. */
export function currentSubscription(
  subscriptions: Stripe.Subscription[],
): Stripe.Subscription | undefined {
  const newest = [...subscriptions].sort((a, b) => b.created - a.created || cmp(b.id, a.id));
  return newest.find((s) => LIVE_STATUSES.includes(s.status as SubscriptionStatus)) ?? newest[0];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function project(subscription: Stripe.Subscription | undefined): Projection {
  if (!subscription) {
    return {
      planId: "free",
      billingInterval: null,
      status: "none",
      stripeSubscriptionId: null,
      stripePriceId: null,
      seats: 1,
      amountCents: 0,
      currency: "usd",
      currentPeriodStart: null,
      currentPeriodEnd: null,
      trialEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
    };
  }
  const item = subscription.items?.data?.[0];
  const price = item?.price;
  // By lookup key; a price replaced by a catalog change has lost its key but keeps the plan in
  // the metadata stripe:sync gave it, so its subscribers keep their plan.
  const known =
    (price?.lookup_key ? planForLookupKey(price.lookup_key) : null) ??
    (price?.metadata?.plan_id && isPlanId(price.metadata.plan_id)
      ? {
          planId: price.metadata.plan_id,
          interval:
            price.metadata.interval === "yearly" ? ("yearly" as const) : ("monthly" as const),
        }
      : null);
  const quantity = item?.quantity ?? 1;
  // Older API versions keep the period on the subscription, newer ones on its items.
  const legacy = subscription as unknown as {
    current_period_start?: number;
    current_period_end?: number;
  };
  return {
    // A price the catalog doesn't know grants nothing beyond Free; reconciliation reports it.
    planId: known?.planId ?? "free",
    billingInterval: known?.interval ?? null,
    status: subscription.status as SubscriptionStatus,
    stripeSubscriptionId: subscription.id,
    stripePriceId: price?.id ?? null,
    seats: quantity,
    amountCents: (price?.unit_amount ?? 0) * quantity,
    currency: price?.currency ?? "usd",
    currentPeriodStart: fromUnix(item?.current_period_start ?? legacy.current_period_start),
    currentPeriodEnd: fromUnix(item?.current_period_end ?? legacy.current_period_end),
    trialEnd: fromUnix(subscription.trial_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    canceledAt: fromUnix(subscription.canceled_at),
  };
}

/** Monthly recurring revenue a state stands for: paid statuses only, yearly divided by 12. */
export function mrrOf(p: {
  status: string;
  billingInterval: string | null;
  amountCents: number;
}): number {
  if (p.status !== "active" && p.status !== "past_due") return 0;
  return p.billingInterval === "yearly" ? Math.round(p.amountCents / 12) : p.amountCents;
}
