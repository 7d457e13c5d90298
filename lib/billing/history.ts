import { and, asc, eq, inArray, isNull, like } from "drizzle-orm";
import type Stripe from "stripe";
import type { Transaction } from "@/lib/db";
import {
  billingAccounts,
  stripeEvents,
  subscriptionHistory,
  type SubscriptionHistoryRow,
} from "@/lib/db/schema";
import { applyHistoryChange } from "@/lib/admin/revenue/rollups";
import { createId } from "@/lib/ids";
import { deriveHistory, type DerivedRow, type FixedRow, type Observation } from "./derive-history";

/**
 * Keep a workspace's `subscription_history` equal to what its events say (derive-history.ts).
 * Runs in the convergence's transaction, with the workspace's billing row locked, so one
 * workspace's history is rebuilt by one transaction at a time. In the usual case (events in
 * order) it appends; when an event older than the newest row arrives late, the rows after the
 * first difference are replaced, so the table is always what a replay of the ledger produces.
 * The revenue rollups (lib/admin/revenue/rollups.ts) move by the same change in the same
 * transaction, so they never disagree with a committed history.
 */

function observationOf(event: {
  id: string;
  type: string;
  createdAt: Date;
  payload: unknown;
}): Observation | null {
  const data = (event.payload as { data?: { object?: unknown; previous_attributes?: unknown } })
    ?.data;
  const object = data?.object as Partial<Stripe.Subscription> | undefined;
  if (!object || object.object !== "subscription" || typeof object.id !== "string") return null;
  if (!Array.isArray(object.items?.data)) return null;
  const previous = data?.previous_attributes;
  return {
    eventId: event.id,
    type: event.type,
    created: event.createdAt,
    subscription: object as Stripe.Subscription,
    previousAttributes:
      previous && typeof previous === "object" ? (previous as Record<string, unknown>) : null,
  };
}

/** The order rows are read in: effective_at, then recorded_at, then id. */
function historyOrder(a: SubscriptionHistoryRow, b: SubscriptionHistoryRow): number {
  return (
    a.effectiveAt.getTime() - b.effectiveAt.getTime() ||
    a.recordedAt.getTime() - b.recordedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const time = (date: Date | null) => date?.getTime() ?? null;

function sameRow(stored: SubscriptionHistoryRow, derived: DerivedRow): boolean {
  return (
    stored.stripeEventId === derived.stripeEventId &&
    stored.reason === derived.reason &&
    stored.effectiveAt.getTime() === derived.effectiveAt.getTime() &&
    stored.stripeCustomerId === derived.stripeCustomerId &&
    stored.stripeSubscriptionId === derived.stripeSubscriptionId &&
    stored.planId === derived.planId &&
    stored.billingInterval === derived.billingInterval &&
    stored.status === derived.status &&
    stored.seats === derived.seats &&
    stored.amountCents === derived.amountCents &&
    stored.currency === derived.currency &&
    stored.cancelAtPeriodEnd === derived.cancelAtPeriodEnd &&
    stored.mrrCents === derived.mrrCents &&
    stored.previousStatus === derived.previousStatus &&
    stored.previousMrrCents === derived.previousMrrCents &&
    stored.movement === derived.movement &&
    time(stored.trialEnd) === time(derived.trialEnd) &&
    time(stored.currentPeriodEnd) === time(derived.currentPeriodEnd) &&
    time(stored.canceledAt) === time(derived.canceledAt)
  );
}

export interface HistoryChange {
  appended: DerivedRow[];
  /** Rows removed because an older event arrived late and changed what follows it. */
  replaced: number;
}

/**
 * Tag the untagged ledger rows of the workspace's customers (current and former) with it. An
 * event is tagged when its processing reaches the workspace; one that never did (a job that gave
 * up, a customer skipped before it was linked) would otherwise be left out of every rebuild.
 */
async function claimUntagged(tx: Transaction, workspaceId: string) {
  const [account] = await tx
    .select({
      customerId: billingAccounts.stripeCustomerId,
      formerCustomerIds: billingAccounts.formerStripeCustomerIds,
    })
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  if (!account) return;
  const customers = [
    ...(account.customerId ? [account.customerId] : []),
    ...account.formerCustomerIds,
  ];
  if (customers.length === 0) return;
  await tx
    .update(stripeEvents)
    .set({ workspaceId })
    .where(and(inArray(stripeEvents.customerId, customers), isNull(stripeEvents.workspaceId)));
}

export async function rebuildHistory(tx: Transaction, workspaceId: string): Promise<HistoryChange> {
  await claimUntagged(tx, workspaceId);
  const rows = await tx
    .select()
    .from(subscriptionHistory)
    .where(eq(subscriptionHistory.workspaceId, workspaceId))
    .orderBy(
      asc(subscriptionHistory.effectiveAt),
      asc(subscriptionHistory.recordedAt),
      asc(subscriptionHistory.id),
    );
  const stored = rows.filter((row) => row.source === "stripe");
  const fixed: FixedRow[] = rows
    .filter((row) => row.source !== "stripe")
    .map((row) => ({ ...row, source: row.source === "legacy" ? "legacy" : "manual" }));
  const events = await tx
    .select({
      id: stripeEvents.id,
      type: stripeEvents.type,
      createdAt: stripeEvents.createdAt,
      payload: stripeEvents.payload,
    })
    .from(stripeEvents)
    .where(
      and(
        eq(stripeEvents.workspaceId, workspaceId),
        like(stripeEvents.type, "customer.subscription.%"),
      ),
    )
    .orderBy(asc(stripeEvents.createdAt), asc(stripeEvents.id));
  const observations = events.map(observationOf).filter((o): o is Observation => o !== null);
  const derived = deriveHistory(observations, fixed);

  let same = 0;
  while (same < stored.length && same < derived.length && sameRow(stored[same]!, derived[same]!)) {
    same += 1;
  }
  const stale = stored.slice(same).map((row) => row.id);
  if (stale.length > 0) {
    await tx.delete(subscriptionHistory).where(inArray(subscriptionHistory.id, stale));
  }
  const appended = derived.slice(same);
  const inserted =
    appended.length > 0
      ? await tx
          .insert(subscriptionHistory)
          .values(
            appended.map((row) => ({
              ...row,
              id: createId("subh"),
              workspaceId,
              source: "stripe" as const,
            })),
          )
          .returning()
      : [];
  if (stale.length > 0 || inserted.length > 0) {
    // The revenue rollups move with the history, in this transaction (lib/admin/revenue).
    const staleIds = new Set(stale);
    const after = [...rows.filter((row) => !staleIds.has(row.id)), ...inserted].sort(historyOrder);
    await applyHistoryChange(tx, rows, after);
  }
  return { appended, replaced: stale.length };
}
