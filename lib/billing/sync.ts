import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit/record";
import { db, type Transaction } from "@/lib/db";
import {
  billingAccounts,
  subscriptionHistory,
  type BillingAccount,
  type SubscriptionStatus,
} from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { createId } from "@/lib/ids";
import { emailOwners, invalidateBilling } from "./entitlements";
import { formatPrice, getPlan, isPlanId, planForLookupKey, type PlanId } from "./plans";
import { GRACE_DAYS } from "./state";
import { stripe } from "./stripe";
import { billingPageUrl } from "./checkout";
import { now as clockNow } from "@/lib/clock";

/**
 * Convergence: make a workspace's billing state equal to what Stripe says now. Every webhook
 * event, the checkout success page and the reconciliation job end here; none of them passes
 * state along, only "look at this customer again". So duplicated, reordered or missed events
 * cannot leave a wrong state behind: the next look fixes it.
 */

const LIVE_STATUSES: SubscriptionStatus[] = [
  "active",
  "trialing",
  "past_due",
  "unpaid",
  "incomplete",
  "paused",
];
const DAY_MS = 24 * 60 * 60_000;
/** Receipts and failure notices are sent for invoices at most this old (not for history). */
const INVOICE_EMAIL_WINDOW_MS = 35 * DAY_MS;

export interface SyncOptions {
  /** The event that asked for this look: its `created`, type and object id. */
  event?: { id: string; type: string; created: Date; objectId?: string };
  /** What the history row names as the cause when there is no event. */
  reason?: string;
  now?: Date;
}

export type SyncResult =
  | { outcome: "applied"; workspaceId: string; changed: boolean }
  | { outcome: "stale"; workspaceId: string }
  | { outcome: "unknown_customer" };

interface Projection {
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

const fromUnix = (seconds: number | null | undefined) =>
  seconds ? new Date(seconds * 1000) : null;

/** The subscription that decides the workspace's plan: the newest live one, else the newest. */
export function currentSubscription(subscriptions: Stripe.Subscription[]) {
  const newest = [...subscriptions].sort((a, b) => b.created - a.created);
  return newest.find((s) => LIVE_STATUSES.includes(s.status as SubscriptionStatus)) ?? newest[0];
}

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
  const item = subscription.items.data[0];
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
    currentPeriodStart: fromUnix(item?.current_period_start),
    currentPeriodEnd: fromUnix(item?.current_period_end),
    trialEnd: fromUnix(subscription.trial_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    canceledAt: fromUnix(subscription.canceled_at),
  };
}

function mrrOf(p: Projection): number {
  if (p.status !== "active" && p.status !== "past_due") return 0;
  return p.billingInterval === "yearly" ? Math.round(p.amountCents / 12) : p.amountCents;
}

const differs = (account: BillingAccount, p: Projection) =>
  account.planId !== p.planId ||
  account.status !== p.status ||
  account.seats !== p.seats ||
  account.amountCents !== p.amountCents ||
  account.billingInterval !== p.billingInterval ||
  account.stripeSubscriptionId !== p.stripeSubscriptionId ||
  account.cancelAtPeriodEnd !== p.cancelAtPeriodEnd;

async function findAccount(customerId: string): Promise<BillingAccount | null> {
  const [account] = await db
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.stripeCustomerId, customerId));
  if (account) return account;
  // A customer we haven't linked yet (created by a checkout whose write was lost): trust only
  // the workspace id we put in its metadata ourselves, and only for an unlinked workspace.
  const customer = await stripe().customers.retrieve(customerId);
  const workspaceId = customer.deleted ? undefined : customer.metadata?.workspace_id;
  if (!workspaceId) return null;
  const [linked] = await db
    .update(billingAccounts)
    .set({ stripeCustomerId: customerId })
    .where(eq(billingAccounts.workspaceId, workspaceId))
    .returning();
  return linked && linked.stripeCustomerId === customerId ? linked : null;
}

const dateText = (date: Date) =>
  date.toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" });

/** Read one customer's subscriptions and recent invoices from Stripe and converge. */
export async function syncCustomer(
  customerId: string,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const now = options.now ?? clockNow();
  const account = await findAccount(customerId);
  if (!account) return { outcome: "unknown_customer" };
  const { event } = options;
  if (event && account.lastEventAt && event.created < account.lastEventAt) {
    return { outcome: "stale", workspaceId: account.workspaceId };
  }

  // Everything from Stripe first, outside the transaction: no row lock waits on the network.
  const client = stripe();
  const customer = await client.customers.retrieve(customerId);
  const subscriptions = customer.deleted
    ? []
    : await client.subscriptions
        .list({ customer: customerId, status: "all", limit: 20 })
        .autoPagingToArray({ limit: 100 });
  const subscription = currentSubscription(subscriptions);
  const projection = project(subscription);
  const invoices = customer.deleted
    ? []
    : (await client.invoices.list({ customer: customerId, limit: 10 })).data.filter(
        (invoice) => now.getTime() - invoice.created * 1000 <= INVOICE_EMAIL_WINDOW_MS,
      );
  const actionRequired =
    event?.type === "invoice.payment_action_required" && event.objectId
      ? await client.invoices.retrieve(event.objectId)
      : null;

  const changed = await db.transaction(async (tx) => {
    const [locked] = await tx
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.workspaceId, account.workspaceId))
      .for("update");
    if (!locked) return false;
    if (event && locked.lastEventAt && event.created < locked.lastEventAt) return false;
    // An Enterprise contract set by an operator has no Stripe subscription; a customer without a
    // live one in Stripe must not pull it back to Free. A live subscription in Stripe still wins.
    const manualContract =
      locked.planId === "enterprise" &&
      locked.stripeSubscriptionId === null &&
      !LIVE_STATUSES.includes(projection.status);
    if (manualContract) return false;

    const pastDueSince = projection.status === "past_due" ? (locked.pastDueSince ?? now) : null;
    const isChange = differs(locked, projection);
    await tx
      .update(billingAccounts)
      .set({
        planId: projection.planId,
        billingInterval: projection.billingInterval,
        status:
          locked.status !== "none" && projection.status === "none" ? "canceled" : projection.status,
        stripeSubscriptionId: projection.stripeSubscriptionId,
        stripePriceId: projection.stripePriceId,
        seats: projection.seats,
        amountCents: projection.amountCents,
        currentPeriodStart: projection.currentPeriodStart,
        currentPeriodEnd: projection.currentPeriodEnd,
        trialEnd: projection.trialEnd,
        cancelAtPeriodEnd: projection.cancelAtPeriodEnd,
        canceledAt: projection.canceledAt,
        pastDueSince,
        lastEventAt:
          event && (!locked.lastEventAt || event.created > locked.lastEventAt)
            ? event.created
            : locked.lastEventAt,
        syncedAt: now,
        updatedAt: now,
      })
      .where(eq(billingAccounts.workspaceId, locked.workspaceId));
    if (isChange) {
      await tx.insert(subscriptionHistory).values({
        id: createId("subh"),
        workspaceId: locked.workspaceId,
        planId: projection.planId,
        billingInterval: projection.billingInterval,
        status: projection.status,
        seats: projection.seats,
        amountCents: projection.amountCents,
        mrrCents: mrrOf(projection),
        reason: event?.type ?? options.reason ?? "sync",
        stripeEventId: event?.id ?? null,
      });
      await recordAudit(tx, {
        workspaceId: locked.workspaceId,
        actor: SYSTEM_ACTOR,
        action: "billing.subscription_changed",
        metadata: {
          planId: projection.planId,
          status: projection.status,
          seats: projection.seats,
          reason: event?.type ?? options.reason ?? "sync",
        },
      });
    }
    await sendBillingEmails(tx, locked, projection, { invoices, actionRequired, now });
    return isChange;
  });

  await invalidateBilling(account.workspaceId);
  return { outcome: "applied", workspaceId: account.workspaceId, changed };
}

/**
 * Emails follow from the converged state, each under an idempotency key naming the fact it
 * reports (this subscription on this plan, this invoice paid), so a second look at the same
 * state never sends a second email, whatever order the events came in.
 */
async function sendBillingEmails(
  tx: Transaction,
  before: BillingAccount,
  after: Projection,
  context: { invoices: Stripe.Invoice[]; actionRequired: Stripe.Invoice | null; now: Date },
) {
  const plan = getPlan(after.planId);
  const subscriptionId = after.stripeSubscriptionId;
  await emailOwners(tx, before.workspaceId, async (workspace, to) => {
    const billingUrl = billingPageUrl(workspace.slug);
    const base = { workspaceName: workspace.name };
    if (
      subscriptionId &&
      after.planId !== "free" &&
      (after.status === "active" || after.status === "trialing")
    ) {
      await sendEmail(
        "subscription-confirmed",
        to,
        {
          ...base,
          planName: plan.name,
          billingInterval: after.billingInterval === "yearly" ? "yearly" : "monthly",
          amount: formatPrice(after.amountCents, after.currency),
          billingUrl,
          trialEndsOn:
            after.status === "trialing" && after.trialEnd ? dateText(after.trialEnd) : "",
        },
        {
          tx,
          idempotencyKey: `subscribed:${subscriptionId}:${after.planId}:${after.billingInterval}:${to}`,
        },
      );
    }
    if (subscriptionId && after.status === "trialing" && after.trialEnd) {
      const left = after.trialEnd.getTime() - context.now.getTime();
      if (left > 0 && left <= 3 * DAY_MS) {
        await sendEmail(
          "trial-ending",
          to,
          { ...base, planName: plan.name, trialEndsOn: dateText(after.trialEnd), billingUrl },
          {
            tx,
            idempotencyKey: `trial-ending:${subscriptionId}:${after.trialEnd.getTime()}:${to}`,
          },
        );
      }
    }
    if (subscriptionId && (after.status === "canceled" || after.status === "unpaid")) {
      const previous = getPlan(before.planId as PlanId) ?? plan;
      await sendEmail(
        "subscription-canceled",
        to,
        {
          ...base,
          planName: previous.name,
          endsOn: dateText(after.canceledAt ?? context.now),
          billingUrl,
        },
        { tx, idempotencyKey: `canceled:${subscriptionId}:${to}` },
      );
    }
    for (const invoice of context.invoices) {
      if (invoice.status === "paid" && invoice.amount_paid > 0) {
        await sendEmail(
          "payment-succeeded",
          to,
          {
            ...base,
            planName: plan.name,
            amount: formatPrice(invoice.amount_paid, invoice.currency),
            paidOn: dateText(
              new Date((invoice.status_transitions?.paid_at ?? invoice.created) * 1000),
            ),
            periodEnd: dateText(new Date(invoice.period_end * 1000)),
            invoiceNumber: invoice.number ?? invoice.id ?? "",
            invoiceUrl: invoice.hosted_invoice_url ?? billingUrl,
            billingUrl,
          },
          { tx, idempotencyKey: `receipt:${invoice.id}:${to}` },
        );
      }
      if (invoice.status === "open" && invoice.attempt_count > 0) {
        const since = before.pastDueSince ?? context.now;
        await sendEmail(
          "payment-failed",
          to,
          {
            ...base,
            amount: formatPrice(invoice.amount_due, invoice.currency),
            graceEndsOn: dateText(new Date(since.getTime() + GRACE_DAYS * DAY_MS)),
            updatePaymentUrl: billingUrl,
          },
          { tx, idempotencyKey: `payment-failed:${invoice.id}:${to}` },
        );
      }
    }
    const action = context.actionRequired;
    if (action && action.status === "open") {
      await sendEmail(
        "payment-action-required",
        to,
        {
          ...base,
          amount: formatPrice(action.amount_due, action.currency),
          confirmUrl: action.hosted_invoice_url ?? billingUrl,
        },
        { tx, idempotencyKey: `action-required:${action.id}:${to}` },
      );
    }
  });
}
