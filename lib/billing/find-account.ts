import { and, arrayContains, eq, isNull, sql } from "drizzle-orm";
import Stripe from "stripe";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { billingAccounts, billingCustomerConflicts, stripeEvents } from "@/lib/db/schema";
import { logger } from "@/lib/observability/logger";
import { reportWarning } from "@/lib/observability/report-error";
import { now as clockNow } from "@/lib/clock";
import { stripe } from "./stripe";

/**
 * Which workspace a Stripe customer's events belong to. The link of record is
 * `billing_accounts.stripe_customer_id`, written when our checkout creates the customer. A
 * customer we haven't linked yet (a checkout whose write was lost) is linked by the workspace id
 * we put in its metadata, but only to a workspace without a live customer: a second customer
 * naming a linked workspace is a conflict, recorded for operators and never applied.
 */
export type AccountMatch =
  | { kind: "linked"; workspaceId: string }
  /** A customer the workspace had, since deleted in Stripe: its events still make history. */
  | { kind: "former"; workspaceId: string }
  | { kind: "conflict"; workspaceId: string; reason: string }
  | { kind: "unknown"; reason: string };

/** Stripe's "No such customer": permanent, retrying cannot help. */
export function isMissingCustomer(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError &&
    (error.code === "resource_missing" || error.statusCode === 404)
  );
}

/** The customer, or null when Stripe has none by that id (other failures throw: retried). */
async function retrieveCustomer(customerId: string) {
  try {
    return await stripe().customers.retrieve(customerId);
  } catch (error) {
    if (isMissingCustomer(error)) return null;
    throw error;
  }
}

/** The customer's ledger rows belong to this workspace from now on (history is built from them). */
async function claimLedger(customerId: string, workspaceId: string) {
  await db
    .update(stripeEvents)
    .set({ workspaceId })
    .where(and(eq(stripeEvents.customerId, customerId), isNull(stripeEvents.workspaceId)));
}

/** Unlink a customer deleted in Stripe, keeping it as the workspace's former customer. */
export async function unlinkDeletedCustomer(
  executor: Pick<typeof db, "update">,
  workspaceId: string,
  customerId: string,
): Promise<boolean> {
  const rows = await executor
    .update(billingAccounts)
    .set({
      stripeCustomerId: null,
      formerStripeCustomerIds: sql`array_append(${billingAccounts.formerStripeCustomerIds}, ${customerId})`,
      updatedAt: clockNow(),
    })
    .where(
      and(
        eq(billingAccounts.workspaceId, workspaceId),
        eq(billingAccounts.stripeCustomerId, customerId),
      ),
    )
    .returning({ workspaceId: billingAccounts.workspaceId });
  return rows.length > 0;
}

async function linkIfUnlinked(workspaceId: string, customerId: string): Promise<boolean> {
  const linked = await db
    .update(billingAccounts)
    .set({ stripeCustomerId: customerId, updatedAt: clockNow() })
    .where(
      and(eq(billingAccounts.workspaceId, workspaceId), isNull(billingAccounts.stripeCustomerId)),
    )
    .returning({ workspaceId: billingAccounts.workspaceId });
  return linked.length > 0;
}

/** Record a conflicting customer once (audit entry, Sentry warning), then count sightings. */
async function recordConflict(workspaceId: string, customerId: string, linkedCustomerId: string) {
  const now = clockNow();
  const first = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(billingCustomerConflicts)
      .values({
        stripeCustomerId: customerId,
        workspaceId,
        linkedCustomerId,
        firstSeenAt: now,
        lastSeenAt: now,
      })
      .onConflictDoUpdate({
        target: billingCustomerConflicts.stripeCustomerId,
        set: {
          lastSeenAt: now,
          linkedCustomerId,
          seenCount: sql`${billingCustomerConflicts.seenCount} + 1`,
        },
      })
      .returning({ seenCount: billingCustomerConflicts.seenCount });
    const isFirst = inserted[0]?.seenCount === 1;
    if (isFirst) {
      await recordAudit(tx, {
        workspaceId,
        actor: SYSTEM_ACTOR,
        action: "billing.customer_conflict",
        target: { type: "stripe_customer", id: customerId },
        metadata: { customerId, linkedCustomerId },
      });
    }
    return isFirst;
  });
  if (first) {
    const message = `Stripe customer ${customerId} claims workspace ${workspaceId}, which is linked to ${linkedCustomerId}: not applied`;
    logger.warn({ workspaceId, customerId, linkedCustomerId }, message);
    reportWarning(message, {
      workspaceId,
      tags: { stripe_customer: customerId },
      fingerprint: ["billing-customer-conflict", customerId],
    });
  }
}

export async function findAccount(customerId: string): Promise<AccountMatch> {
  const [linked] = await db
    .select({ workspaceId: billingAccounts.workspaceId })
    .from(billingAccounts)
    .where(eq(billingAccounts.stripeCustomerId, customerId));
  if (linked) return { kind: "linked", workspaceId: linked.workspaceId };
  const [former] = await db
    .select({ workspaceId: billingAccounts.workspaceId })
    .from(billingAccounts)
    .where(arrayContains(billingAccounts.formerStripeCustomerIds, [customerId]));
  if (former) return { kind: "former", workspaceId: former.workspaceId };

  const customer = await retrieveCustomer(customerId);
  if (!customer) return { kind: "unknown", reason: `Stripe has no customer ${customerId}.` };
  const workspaceId = customer.deleted ? undefined : customer.metadata?.workspace_id;
  if (!workspaceId) {
    return { kind: "unknown", reason: `Customer ${customerId} is linked to no workspace.` };
  }
  const [account] = await db
    .select({ customerId: billingAccounts.stripeCustomerId })
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  if (!account) {
    return {
      kind: "unknown",
      reason: `Customer ${customerId} names workspace ${workspaceId}, which does not exist.`,
    };
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await linkIfUnlinked(workspaceId, customerId)) {
      await claimLedger(customerId, workspaceId);
      return { kind: "linked", workspaceId };
    }
    const [current] = await db
      .select({ customerId: billingAccounts.stripeCustomerId })
      .from(billingAccounts)
      .where(eq(billingAccounts.workspaceId, workspaceId));
    const linkedCustomerId = current?.customerId;
    if (!linkedCustomerId) continue;
    if (linkedCustomerId === customerId) return { kind: "linked", workspaceId };
    // Linked to a customer Stripe has deleted (we haven't processed that yet): the workspace
    // is free, and this customer is its new one.
    const linkedCustomer = await retrieveCustomer(linkedCustomerId);
    if (!linkedCustomer || linkedCustomer.deleted) {
      await unlinkDeletedCustomer(db, workspaceId, linkedCustomerId);
      continue;
    }
    await recordConflict(workspaceId, customerId, linkedCustomerId);
    return {
      kind: "conflict",
      workspaceId,
      reason: `Customer ${customerId} claims workspace ${workspaceId}, which is linked to ${linkedCustomerId}; recorded as a conflict, not applied.`,
    };
  }
  return { kind: "unknown", reason: `Could not link customer ${customerId}; will converge later.` };
}
