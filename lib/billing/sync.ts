import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit/record";
import { db, type Transaction } from "@/lib/db";
import {
  billingAccounts,
  stripeEvents,
  type BillingAccount,
  type SubscriptionStatus,
} from "@/lib/db/schema";
import { logger } from "@/lib/observability/logger";
import { now as clockNow } from "@/lib/clock";
import { sendBillingEmails } from "./billing-emails";
import { invalidateBilling } from "./entitlements";
import { findAccount, isMissingCustomer, unlinkDeletedCustomer } from "./find-account";
import { rebuildHistory } from "./history";
import { currentSubscription, LIVE_STATUSES, project, type Projection } from "./projection";
import { stripe } from "./stripe";

export { currentSubscription, project } from "./projection";

/**
 * Convergence: make a workspace's billing state equal to what Stripe says now. Every webhook
 * event, the checkout success page and the reconciliation job end here; none of them passes
 * state along, only "look at this customer again". So duplicated, reordered or missed events
 * cannot leave a wrong state behind: the next look fixes it. The subscription history is kept
 * apart from this (lib/billing/history.ts): it is derived from the events' own snapshots, in
 * Stripe's time order, so it records each change when it happened, not when we looked.
 */

const DAY_MS = 24 * 60 * 60_000;
/** Receipts and failure notices are sent for invoices at most this old (not for history). */
const INVOICE_EMAIL_WINDOW_MS = 35 * DAY_MS;

export interface SyncOptions {
  /** The event that asked for this look: its `created`, type and object id. */
  event?: { id: string; type: string; created: Date; objectId?: string };
  /** What the audit entry names as the cause when there is no event. */
  reason?: string;
  now?: Date;
}

export type SyncResult =
  | { outcome: "applied"; workspaceId: string; changed: boolean }
  /** Older than the last event applied: state untouched, the event still counts for history. */
  | { outcome: "stale"; workspaceId: string }
  /** A deleted customer the workspace had: its events count for history only. */
  | { outcome: "history"; workspaceId: string }
  /** Nothing to apply, for good (unknown or conflicting customer): the ledger says why. */
  | { outcome: "skipped"; reason: string };

/** The state written to the account: `none` only for a workspace that never subscribed. */
function accountStatus(locked: BillingAccount, projection: Projection): SubscriptionStatus {
  return locked.status !== "none" && projection.status === "none" ? "canceled" : projection.status;
}

const differs = (account: BillingAccount, p: Projection, status: SubscriptionStatus) =>
  account.planId !== p.planId ||
  account.status !== status ||
  account.seats !== p.seats ||
  account.amountCents !== p.amountCents ||
  account.billingInterval !== p.billingInterval ||
  account.stripeSubscriptionId !== p.stripeSubscriptionId ||
  account.cancelAtPeriodEnd !== p.cancelAtPeriodEnd;

function invoiceSubscription(invoice: Stripe.Invoice): string | null {
  const legacy = (invoice as unknown as { subscription?: string | { id: string } | null })
    .subscription;
  const nested = invoice.parent?.subscription_details?.subscription;
  const value = nested ?? legacy ?? null;
  return typeof value === "string" ? value : (value?.id ?? null);
}

/**
 * When a past-due subscription's payment first failed, by Stripe's clock: the oldest unpaid
 * invoice of the subscription that has been attempted, at its first attempt (an automatically
 * collected invoice is attempted when it is finalized). A webhook outage or a replay does not
 * move it, so the grace deadline is the same however late we learn of the failure.
 */
export function pastDueSinceOf(
  subscriptionId: string | null,
  invoices: Stripe.Invoice[],
): Date | null {
  if (!subscriptionId) return null;
  const attempted = invoices
    .filter(
      (invoice) =>
        invoice.status === "open" &&
        invoice.attempt_count > 0 &&
        invoiceSubscription(invoice) === subscriptionId,
    )
    .map((invoice) => invoice.status_transitions?.finalized_at ?? invoice.created)
    .sort((a, b) => a - b);
  return attempted.length > 0 ? new Date(attempted[0]! * 1000) : null;
}

/** Tag the event with its workspace and bring the workspace's history up to date. */
async function recordHistory(tx: Transaction, workspaceId: string, eventId?: string) {
  if (eventId) {
    await tx.update(stripeEvents).set({ workspaceId }).where(eq(stripeEvents.id, eventId));
  }
  return rebuildHistory(tx, workspaceId);
}

async function lockAccount(tx: Transaction, workspaceId: string) {
  const [locked] = await tx
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId))
    .for("update");
  return locked;
}

/** History only (a stale event, a former customer's event): the account is left alone. */
async function historyOnly(workspaceId: string, eventId?: string) {
  await db.transaction(async (tx) => {
    if (await lockAccount(tx, workspaceId)) await recordHistory(tx, workspaceId, eventId);
  });
}

/** Read one customer's subscriptions and recent invoices from Stripe and converge. */
export async function syncCustomer(
  customerId: string,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const now = options.now ?? clockNow();
  const { event } = options;
  const match = await findAccount(customerId);
  if (match.kind === "unknown" || match.kind === "conflict") {
    return { outcome: "skipped", reason: match.reason };
  }
  const { workspaceId } = match;
  if (match.kind === "former") {
    await historyOnly(workspaceId, event?.id);
    return { outcome: "history", workspaceId };
  }
  const [account] = await db
    .select({ lastEventAt: billingAccounts.lastEventAt })
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  if (event && account?.lastEventAt && event.created < account.lastEventAt) {
    await historyOnly(workspaceId, event.id);
    return { outcome: "stale", workspaceId };
  }

  // Everything from Stripe first, outside the transaction: no row lock waits on the network.
  const client = stripe();
  let customer: Stripe.Customer | Stripe.DeletedCustomer;
  try {
    customer = await client.customers.retrieve(customerId);
  } catch (error) {
    if (!isMissingCustomer(error)) throw error;
    // Linked here, unknown to Stripe: most likely a key of the other mode (test/live). Changing
    // nothing is the only safe answer; retrying would not help.
    const reason = `Stripe has no customer ${customerId}, linked to workspace ${workspaceId}: check STRIPE_SECRET_KEY's mode. Nothing changed.`;
    logger.warn({ workspaceId, customerId }, reason);
    return { outcome: "skipped", reason };
  }
  const subscriptions = customer.deleted
    ? []
    : await client.subscriptions
        .list({ customer: customerId, status: "all", limit: 20 })
        .autoPagingToArray({ limit: 100 });
  const subscription = currentSubscription(subscriptions);
  const projection = project(subscription);
  const recentInvoices = customer.deleted
    ? []
    : (await client.invoices.list({ customer: customerId, limit: 10 })).data;
  const invoices = recentInvoices.filter(
    (invoice) => now.getTime() - invoice.created * 1000 <= INVOICE_EMAIL_WINDOW_MS,
  );
  const failedSince = pastDueSinceOf(projection.stripeSubscriptionId, recentInvoices);
  const actionRequired =
    event?.type === "invoice.payment_action_required" && event.objectId
      ? await client.invoices.retrieve(event.objectId)
      : null;

  const result = await db.transaction(async (tx): Promise<SyncResult> => {
    const locked = await lockAccount(tx, workspaceId);
    if (!locked) return { outcome: "skipped", reason: `Workspace ${workspaceId} is gone.` };
    if (locked.stripeCustomerId !== customerId) {
      // Relinked meanwhile (the customer was replaced): its events are history now.
      await recordHistory(tx, workspaceId, event?.id);
      return { outcome: "history", workspaceId };
    }
    if (event && locked.lastEventAt && event.created < locked.lastEventAt) {
      await recordHistory(tx, workspaceId, event.id);
      return { outcome: "stale", workspaceId };
    }
    // An Enterprise contract set by an operator has no Stripe subscription; a customer without a
    // live one in Stripe must not pull it back to Free. A live subscription in Stripe still wins.
    const manualContract =
      locked.planId === "enterprise" &&
      locked.stripeSubscriptionId === null &&
      !LIVE_STATUSES.includes(projection.status);
    if (manualContract) {
      await recordHistory(tx, workspaceId, event?.id);
      return { outcome: "applied", workspaceId, changed: false };
    }

    // Deleted in Stripe: unlink it (kept as a former customer), so the next checkout starts a
    // fresh customer; the history stays.
    const unlinked = customer.deleted
      ? await unlinkDeletedCustomer(tx, workspaceId, customerId)
      : false;
    const status = accountStatus(locked, projection);
    const pastDueSince = status === "past_due" ? (failedSince ?? locked.pastDueSince ?? now) : null;
    const isChange = differs(locked, projection, status);
    await tx
      .update(billingAccounts)
      .set({
        planId: projection.planId,
        billingInterval: projection.billingInterval,
        status,
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
    await recordHistory(tx, workspaceId, event?.id);
    await sendBillingEmails(tx, locked, projection, {
      invoices,
      actionRequired,
      pastDueSince,
      now,
    });
    if (isChange || unlinked) {
      // Last in the transaction: it takes the workspace's audit chain lock.
      await recordAudit(tx, {
        workspaceId: locked.workspaceId,
        actor: SYSTEM_ACTOR,
        action: "billing.subscription_changed",
        metadata: {
          planId: projection.planId,
          status,
          seats: projection.seats,
          reason: event?.type ?? options.reason ?? "sync",
          ...(unlinked ? { customerDeleted: customerId } : {}),
        },
      });
    }
    return { outcome: "applied", workspaceId, changed: isChange || unlinked };
  });

  await invalidateBilling(workspaceId);
  return result;
}
