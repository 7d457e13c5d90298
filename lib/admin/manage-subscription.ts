import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { z } from "zod";
import { findPrice } from "@/lib/billing/checkout";
import { invalidateBilling } from "@/lib/billing/entitlements";
import { BILLING_INTERVALS, getPlan } from "@/lib/billing/plans";
import { LIVE_STATUSES } from "@/lib/billing/projection";
import { enterpriseContractSchema, grantEnterpriseContract } from "@/lib/billing/sales";
import { stripe, toBillingError } from "@/lib/billing/stripe";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { billingAccounts, type AdminBillingAction } from "@/lib/db/schema";
import type { AuditAction } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { isId, parseInput } from "@/lib/validation";
import { findPendingAction, recordPendingAction } from "./pending-actions";
import { recordAdminAction } from "./record-admin-action";
import type { AdminPrincipal } from "./require-platform-admin";
import { reasonSchema } from "./schemas";

/**
 * The console's actions on a workspace's subscription. Each goes through the Stripe API, never
 * by editing our billing tables: the webhook that follows converges them (lib/billing/sync.ts),
 * and until it has been processed the workspace page shows the action as pending
 * (pending-actions.ts). Each request carries an Idempotency-Key made from the form's
 * `submissionId` (a fresh one per rendered form), so a double submission makes one request in
 * Stripe, one pending row and one audit entry. The one exception is the manual Enterprise
 * contract, which has no Stripe side (lib/billing/sales.ts).
 */

const DAY_MS = 24 * 60 * 60_000;
/** Stripe refuses a trial_end more than two years ahead. */
const MAX_TRIAL_DAYS = 730;

const base = z.object({
  reason: reasonSchema,
  submissionId: z
    .string({ error: "This form is out of date. Reload the page and try again." })
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "This form is out of date. Reload the page and try again."),
});

const cancelInput = base.extend({
  when: z.enum(["period_end", "now"], {
    error: "Choose when the subscription ends: at the end of the period, or now.",
  }),
});

const trialInput = base.extend({
  trialEnd: z
    .string({ error: "Pick the new last day of the trial." })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Pick the new last day of the trial (YYYY-MM-DD).")
    .refine((value) => {
      const date = new Date(`${value}T23:59:59Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    }, "That is not a date on the calendar.")
    // The trial runs through the whole day picked (UTC).
    .transform((value) => new Date(`${value}T23:59:59Z`)),
});

const couponInput = base.extend({
  couponId: z
    .string({ error: "Enter the Stripe coupon id." })
    .trim()
    .min(1, "Enter the Stripe coupon id.")
    .max(100, "A coupon id has at most 100 characters.")
    .regex(/^[A-Za-z0-9_-]+$/, "A coupon id has only letters, digits, - and _."),
});

const refundInput = base.extend({
  amount: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine(
      (value) => value === "" || /^\d{1,7}(\.\d{1,2})?$/.test(value),
      "Enter an amount in dollars, like 12 or 12.50, or leave it empty for a full refund.",
    )
    .transform((value) => (value === "" ? null : Math.round(Number(value) * 100)))
    .refine((cents) => cents === null || cents > 0, "A refund is at least $0.01."),
});

const switchInput = base.extend({
  planId: z.enum(["pro", "team"], { error: "Pick Pro or Team (Enterprise is a contract)." }),
  interval: z.enum(BILLING_INTERVALS, { error: "Pick monthly or yearly." }),
  seats: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((value) => value === "" || /^\d{1,7}$/.test(value), "Enter a whole number of seats.")
    .transform((value) => (value === "" ? null : Number(value))),
});

const contractInput = base.extend(enterpriseContractSchema.shape);

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const day = (date: Date) => date.toISOString().slice(0, 10);

/** The workspace's billing account, or not_found (an unknown or malformed id). */
async function loadAccount(workspaceId: string) {
  if (!isId(workspaceId)) throw new AppError("not_found", "No workspace has this id.");
  const [account] = await db
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  if (!account) throw new AppError("not_found", "No workspace has this id.");
  return account;
}

type Account = Awaited<ReturnType<typeof loadAccount>>;

/** The live subscription, as Stripe has it now (not as we last converged it). */
async function liveSubscription(account: Account): Promise<Stripe.Subscription> {
  const id = account.stripeSubscriptionId;
  if (!id || !LIVE_STATUSES.includes(account.status)) {
    throw new AppError("conflict", "This workspace has no live Stripe subscription.");
  }
  const subscription = await stripe().subscriptions.retrieve(id).catch(toBillingError);
  if (!LIVE_STATUSES.includes(subscription.status as (typeof LIVE_STATUSES)[number])) {
    throw new AppError(
      "conflict",
      `In Stripe this subscription is ${subscription.status} already; the page will catch up when its webhook arrives.`,
    );
  }
  return subscription;
}

/** Stripe's refusal of a parameter, shown next to the field it belongs to. */
function stripeFieldError(error: unknown, fields: Record<string, string>): never {
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    throw new AppError(
      "conflict",
      "This form was already sent with other values. Reload the page and try again.",
    );
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.param) {
    const field = Object.entries(fields).find(([param]) => error.param!.startsWith(param))?.[1];
    if (field) {
      throw new AppError("validation_failed", error.message, { [field]: [error.message] });
    }
  }
  return toBillingError(error);
}

/** What every console action's form sends besides its own fields. */
type Submission = Pick<z.infer<typeof base>, "submissionId" | "reason">;

/** The audit trail's name for each action. */
const AUDIT_ACTIONS: Record<AdminBillingAction, AuditAction> = {
  cancel_now: "admin.subscription_canceled",
  cancel_at_period_end: "admin.subscription_canceled",
  extend_trial: "admin.trial_extended",
  apply_coupon: "admin.coupon_applied",
  refund: "admin.refund_issued",
  switch_plan: "admin.plan_switched",
};

/** The Idempotency-Key of one submitted form: Stripe's, and the pending row's. */
const keyOf = (action: AdminBillingAction, account: Account, submissionId: string) =>
  `admin:${action}:${account.workspaceId}:${submissionId}`;

/** The workspace's billing account (not_found first), then the form's fields (validation_failed). */
async function prepare<T extends z.ZodType>(workspaceId: string, schema: T, input: unknown) {
  const account = await loadAccount(workspaceId);
  return { account, data: parseInput(schema, input) };
}

/** Change a subscription in Stripe with the form's key; a refused parameter names its field. */
async function updateSubscription(
  subscriptionId: string,
  params: Stripe.SubscriptionUpdateParams,
  idempotencyKey: string,
  fields: Record<string, string>,
): Promise<Performed["stripeObjectId"]> {
  const result = await stripe()
    .subscriptions.update(subscriptionId, params, { idempotencyKey })
    .catch((error: unknown) => stripeFieldError(error, fields));
  return result.id;
}

interface Performed {
  /** The Stripe object acted on or created. */
  stripeObjectId: string;
  details: Record<string, unknown>;
}

/**
 * The shared steps: a double submission (its key recorded already) does nothing more; otherwise
 * Stripe is called with the key, then the pending row and the audit entry are written in one
 * transaction (a second, concurrent submission finds the key taken and writes neither). If the
 * write fails after Stripe acted, sending the same form again replays Stripe's stored answer and
 * writes them then.
 */
async function act(
  admin: AdminPrincipal,
  account: Account,
  data: Submission,
  action: AdminBillingAction,
  perform: (idempotencyKey: string) => Promise<Performed>,
): Promise<{ duplicate: boolean }> {
  const idempotencyKey = keyOf(action, account, data.submissionId);
  if (await findPendingAction(idempotencyKey)) return { duplicate: true };
  const done = await perform(idempotencyKey);
  const recorded = await db.transaction(async (tx) => {
    const inserted = await recordPendingAction(tx, {
      workspaceId: account.workspaceId,
      adminId: admin.userId,
      action,
      details: done.details,
      stripeObjectId: done.stripeObjectId,
      idempotencyKey,
    });
    if (!inserted) return false;
    await recordAdminAction(tx, admin, {
      action: AUDIT_ACTIONS[action],
      target: { type: "workspace", id: account.workspaceId },
      reason: data.reason,
      metadata: { ...done.details, stripeObjectId: done.stripeObjectId },
    });
    return true;
  });
  return { duplicate: !recorded };
}

/** Cancel at the end of the current period, or now. */
export async function cancelSubscription(
  admin: AdminPrincipal,
  workspaceId: string,
  input: unknown,
) {
  const { account, data } = await prepare(workspaceId, cancelInput, input);
  const subscription = await liveSubscription(account);
  if (data.when === "period_end" && subscription.cancel_at_period_end) {
    throw new AppError("conflict", "This subscription already ends at the end of its period.");
  }
  return act(
    admin,
    account,
    data,
    data.when === "now" ? "cancel_now" : "cancel_at_period_end",
    async (idempotencyKey) => {
      const client = stripe();
      const result =
        data.when === "now"
          ? await client.subscriptions
              .cancel(subscription.id, {}, { idempotencyKey })
              .catch(toBillingError)
          : await client.subscriptions
              .update(subscription.id, { cancel_at_period_end: true }, { idempotencyKey })
              .catch(toBillingError);
      return { stripeObjectId: result.id, details: { when: data.when } };
    },
  );
}

/** Move a trialing subscription's trial end later (never into the past, never earlier). */
export async function extendTrial(admin: AdminPrincipal, workspaceId: string, input: unknown) {
  const { account, data } = await prepare(workspaceId, trialInput, input);
  const now = clockNow();
  const field = (message: string) =>
    new AppError("validation_failed", message, { trialEnd: [message] });
  if (data.trialEnd <= now) throw field("Pick a day after today: a trial can't end in the past.");
  if (data.trialEnd.getTime() - now.getTime() > MAX_TRIAL_DAYS * DAY_MS) {
    throw field(`Stripe allows a trial of at most ${MAX_TRIAL_DAYS} days from today.`);
  }
  const subscription = await liveSubscription(account);
  if (subscription.status !== "trialing" || !subscription.trial_end) {
    throw new AppError("conflict", "Only a subscription in its trial can have its trial extended.");
  }
  const currentEnd = new Date(subscription.trial_end * 1000);
  if (data.trialEnd <= currentEnd) {
    throw field(`The trial already runs until ${day(currentEnd)}: pick a later day.`);
  }
  const trialEnd = Math.floor(data.trialEnd.getTime() / 1000);
  return act(admin, account, data, "extend_trial", async (idempotencyKey) => {
    return {
      stripeObjectId: await updateSubscription(
        subscription.id,
        { trial_end: trialEnd, proration_behavior: "none" },
        idempotencyKey,
        { trial_end: "trialEnd" },
      ),
      details: { from: currentEnd.toISOString(), to: data.trialEnd.toISOString() },
    };
  });
}

/** Apply a coupon that exists in Stripe to the subscription (it replaces any other). */
export async function applyCoupon(admin: AdminPrincipal, workspaceId: string, input: unknown) {
  const { account, data } = await prepare(workspaceId, couponInput, input);
  const subscription = await liveSubscription(account);
  const client = stripe();
  const coupon = await client.coupons.retrieve(data.couponId).catch((error: unknown) => {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) {
      const message = `Stripe has no coupon “${data.couponId}”. Create it in the Stripe Dashboard first.`;
      throw new AppError("validation_failed", message, { couponId: [message] });
    }
    return toBillingError(error);
  });
  if (!coupon.valid) {
    const message = "This coupon can't be redeemed any more (expired or used up).";
    throw new AppError("validation_failed", message, { couponId: [message] });
  }
  return act(admin, account, data, "apply_coupon", async (idempotencyKey) => {
    return {
      stripeObjectId: await updateSubscription(
        subscription.id,
        { discounts: [{ coupon: coupon.id }] },
        idempotencyKey,
        { discounts: "couponId", coupon: "couponId" },
      ),
      details: {
        couponId: coupon.id,
        percentOff: coupon.percent_off,
        amountOffCents: coupon.amount_off,
        duration: coupon.duration,
      },
    };
  });
}

/** The coupon on a subscription in Stripe now ("SAVE20: 20% off, forever"), or null. */
export async function currentCoupon(subscriptionId: string | null): Promise<string | null> {
  if (!subscriptionId) return null;
  const client = stripe();
  const subscription = await client.subscriptions
    .retrieve(subscriptionId, { expand: ["discounts"] })
    .catch(toBillingError);
  const discount = subscription.discounts?.[0];
  if (!discount || typeof discount === "string") return null;
  // `source.coupon` in current API versions, `coupon` in older ones; an id or the coupon.
  const legacy = (discount as unknown as { coupon?: string | Stripe.Coupon | null }).coupon;
  const ref = discount.source?.coupon ?? legacy ?? null;
  if (!ref) return null;
  const coupon =
    typeof ref === "string" ? await client.coupons.retrieve(ref).catch(toBillingError) : ref;
  const off =
    coupon.percent_off !== null
      ? `${coupon.percent_off}% off`
      : `${dollars(coupon.amount_off ?? 0)} off`;
  const duration =
    coupon.duration === "repeating" ? `for ${coupon.duration_in_months} months` : coupon.duration;
  return `${coupon.id}: ${off}, ${duration}`;
}

/** The customer's newest payment, with what is left to refund of it, or null. */
export async function lastPayment(customerId: string | null) {
  if (!customerId) return null;
  const charges = await stripe()
    .charges.list({ customer: customerId, limit: 1 })
    .catch(toBillingError);
  const charge = charges.data[0];
  if (!charge) return null;
  return {
    chargeId: charge.id,
    amountCents: charge.amount,
    refundedCents: charge.amount_refunded,
    refundableCents: charge.amount - charge.amount_refunded,
    currency: charge.currency,
    createdAt: new Date(charge.created * 1000),
  };
}

/** Refund the customer's last payment, in full (no amount) or in part. */
export async function refundLastPayment(
  admin: AdminPrincipal,
  workspaceId: string,
  input: unknown,
) {
  const { account, data } = await prepare(workspaceId, refundInput, input);
  const idempotencyKey = keyOf("refund", account, data.submissionId);
  // A double submission after the first refund went through: the key is recorded, nothing more.
  if (await findPendingAction(idempotencyKey)) return { duplicate: true };
  const payment = await lastPayment(account.stripeCustomerId);
  if (!payment) throw new AppError("conflict", "This customer has no payment to refund.");
  // The same form again after Stripe refunded but our record of it failed: find that refund by
  // the key in its metadata and record it, rather than judge the amount against what is left.
  const earlier = (
    await stripe().refunds.list({ charge: payment.chargeId, limit: 100 }).catch(toBillingError)
  ).data.find((refund) => refund.metadata?.idempotency_key === idempotencyKey);
  if (earlier) {
    return act(admin, account, data, "refund", () =>
      Promise.resolve({
        stripeObjectId: earlier.id,
        details: { chargeId: payment.chargeId, amountCents: earlier.amount, full: false },
      }),
    );
  }
  if (payment.refundableCents <= 0) {
    throw new AppError(
      "conflict",
      `The last payment (${dollars(payment.amountCents)} on ${day(payment.createdAt)}) is refunded in full already.`,
    );
  }
  const amount = data.amount ?? payment.refundableCents;
  if (amount > payment.refundableCents) {
    const message = `Refund at most ${dollars(payment.refundableCents)}: what is left of the last payment (${dollars(payment.amountCents)} on ${day(payment.createdAt)}).`;
    throw new AppError("validation_failed", message, { amount: [message] });
  }
  return act(admin, account, data, "refund", async (key) => {
    const refund = await stripe()
      .refunds.create(
        {
          charge: payment.chargeId,
          amount,
          reason: "requested_by_customer",
          metadata: {
            workspace_id: account.workspaceId,
            admin_id: admin.userId,
            idempotency_key: key,
          },
        },
        { idempotencyKey: key },
      )
      .catch((error: unknown) => stripeFieldError(error, { amount: "amount" }));
    return {
      stripeObjectId: refund.id,
      details: {
        chargeId: payment.chargeId,
        amountCents: refund.amount,
        full: refund.amount === payment.refundableCents,
      },
    };
  });
}

/** Move the subscription to another plan, interval or seat count (prorated by Stripe). */
export async function switchPlan(admin: AdminPrincipal, workspaceId: string, input: unknown) {
  const { account, data } = await prepare(workspaceId, switchInput, input);
  const plan = getPlan(data.planId);
  const seats = plan.perSeat ? (data.seats ?? Math.max(plan.minSeats, account.seats)) : 1;
  if (plan.perSeat && seats < plan.minSeats) {
    const message = `${plan.name} has at least ${plan.minSeats} seats.`;
    throw new AppError("validation_failed", message, { seats: [message] });
  }
  if (seats > 10_000) {
    const message = "Enter at most 10,000 seats (larger teams are an Enterprise contract).";
    throw new AppError("validation_failed", message, { seats: [message] });
  }
  const subscription = await liveSubscription(account);
  const item = subscription.items.data[0];
  if (!item) throw new AppError("conflict", "This subscription has no plan item to change.");
  const price = await findPrice(data.planId, data.interval);
  if (item.price.id === price.id && (item.quantity ?? 1) === seats) {
    throw new AppError("conflict", "The subscription is on this plan with these seats already.");
  }
  return act(admin, account, data, "switch_plan", async (idempotencyKey) => {
    return {
      stripeObjectId: await updateSubscription(
        subscription.id,
        {
          items: [{ id: item.id, price: price.id, quantity: seats }],
          proration_behavior: "create_prorations",
        },
        idempotencyKey,
        { items: "planId" },
      ),
      details: {
        from: { planId: account.planId, interval: account.billingInterval, seats: account.seats },
        to: { planId: data.planId, interval: data.interval, seats },
      },
    };
  });
}

/**
 * Grant a manual Enterprise contract. No Stripe request: it is written at once (with its audit
 * entry, in one transaction), so it is never pending.
 */
export async function grantContract(admin: AdminPrincipal, workspaceId: string, input: unknown) {
  const { account, data } = await prepare(workspaceId, contractInput, input);
  await db.transaction(async (tx) => {
    await grantEnterpriseContract(tx, account.workspaceId, {
      seats: data.seats,
      monthlyAmountCents: data.monthlyAmount,
    });
    await recordAdminAction(tx, admin, {
      action: "admin.enterprise_contract_granted",
      target: { type: "workspace", id: account.workspaceId },
      reason: data.reason,
      metadata: { seats: data.seats, monthlyAmountCents: data.monthlyAmount },
    });
  });
  await invalidateBilling(account.workspaceId);
  return { duplicate: false };
}
