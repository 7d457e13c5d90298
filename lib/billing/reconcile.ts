import { db } from "@/lib/db";
import { billingAccounts, type BillingAccount } from "@/lib/db/schema";
import { drainJobs } from "@/lib/jobs/worker";
import { reconcileBilling } from "./jobs";

export interface ReconcileReport {
  customers: number;
  repaired: { workspaceId: string; from: string; to: string }[];
}

const shown = (a: BillingAccount) => `${a.planId}/${a.status}/${a.seats}`;
/** Everything convergence writes that a customer would notice. */
const essence = (a: BillingAccount) =>
  JSON.stringify([
    a.stripeCustomerId,
    a.stripeSubscriptionId,
    a.planId,
    a.billingInterval,
    a.status,
    a.seats,
    a.amountCents,
    a.cancelAtPeriodEnd,
    a.pastDueSince?.getTime() ?? null,
  ]);

/**
 * Reconcile now, in this process (the command and tests): queue a convergence for every Stripe
 * customer, run the queue, and report each workspace whose state had drifted from Stripe's. Each
 * run compares afresh, however recently the last one ran.
 */
export async function reconcileNow(): Promise<ReconcileReport> {
  const before = new Map((await db.select().from(billingAccounts)).map((a) => [a.workspaceId, a]));
  const { customers } = await reconcileBilling();
  await drainJobs();
  const repaired = [];
  for (const after of await db.select().from(billingAccounts)) {
    const was = before.get(after.workspaceId);
    if (!was || essence(was) === essence(after)) continue;
    repaired.push({ workspaceId: after.workspaceId, from: shown(was), to: shown(after) });
  }
  return { customers, repaired };
}
