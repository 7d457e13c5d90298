import type { BillingAccount, SubscriptionStatus } from "@/lib/db/schema";
import { getPlan, getSeatLimit, isPlanId, type PlanId, type PlanLimits } from "./plans";
import { now as clockNow } from "@/lib/clock";

/** Days a past-due workspace keeps its paid limits while Stripe retries the card. */
export const GRACE_DAYS = 7;
const DAY_MS = 24 * 60 * 60_000;

/** Statuses under which the subscribed plan's limits apply (past_due only within grace). */
const PAID_STATUSES: ReadonlySet<SubscriptionStatus> = new Set(["trialing", "active", "past_due"]);

export interface BillingState {
  workspaceId: string;
  /** The plan subscribed to (what Stripe bills). */
  planId: PlanId;
  /** The plan whose limits apply now: Free once unpaid, canceled or past the grace period. */
  effectivePlanId: PlanId;
  status: SubscriptionStatus;
  interval: string | null;
  seats: number;
  amountCents: number;
  currentPeriodEnd: string | null;
  trialEnd: string | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: string | null;
  /** When a past-due workspace falls back to Free limits. */
  graceEndsAt: string | null;
  hasCustomer: boolean;
  hasSubscription: boolean;
}

/** The state a billing account row stands for at `now` (JSON-safe: dates as ISO strings). */
export function billingStateOf(account: BillingAccount, now = clockNow()): BillingState {
  const planId: PlanId = isPlanId(account.planId) ? account.planId : "free";
  const graceEndsAt = account.pastDueSince
    ? new Date(account.pastDueSince.getTime() + GRACE_DAYS * DAY_MS)
    : null;
  // Enterprise contracts are set by operators without a Stripe subscription.
  const manual = planId === "enterprise" && account.status === "active";
  let effective: PlanId = "free";
  if (manual) effective = "enterprise";
  else if (PAID_STATUSES.has(account.status) && account.stripeSubscriptionId) {
    const inGrace = account.status !== "past_due" || (graceEndsAt !== null && now < graceEndsAt);
    effective = inGrace ? planId : "free";
  }
  return {
    workspaceId: account.workspaceId,
    planId,
    effectivePlanId: effective,
    status: account.status,
    interval: account.billingInterval,
    seats: account.seats,
    amountCents: account.amountCents,
    currentPeriodEnd: account.currentPeriodEnd?.toISOString() ?? null,
    trialEnd: account.trialEnd?.toISOString() ?? null,
    cancelAtPeriodEnd: account.cancelAtPeriodEnd,
    pastDueSince: account.pastDueSince?.toISOString() ?? null,
    graceEndsAt: account.status === "past_due" ? (graceEndsAt?.toISOString() ?? null) : null,
    hasCustomer: account.stripeCustomerId !== null,
    hasSubscription: account.stripeSubscriptionId !== null && account.status !== "canceled",
  };
}

/** The limits in force for a billing state. Team seats are the seats paid for. */
export function limitsOf(state: BillingState): PlanLimits {
  const plan = getPlan(state.effectivePlanId);
  return { ...plan.limits, seats: getSeatLimit(plan, state.seats) };
}
