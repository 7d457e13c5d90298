import { and, eq, gte } from "drizzle-orm";
import { db } from "@/lib/db";
import { billingAccounts, subscriptionHistory } from "@/lib/db/schema";
import { drainJobs } from "@/lib/jobs/worker";
import { reconcileBilling } from "./jobs";

export interface ReconcileReport {
  customers: number;
  repaired: { workspaceId: string; from: string; to: string }[];
}

/**
 * Reconcile now, in this process (the command and tests): queue a convergence for every Stripe
 * customer, run the queue, and report each workspace whose state had drifted from Stripe's.
 */
export async function reconcileNow(): Promise<ReconcileReport> {
  const before = new Map(
    (await db.select().from(billingAccounts)).map((a) => [
      a.workspaceId,
      `${a.planId}/${a.status}/${a.seats}`,
    ]),
  );
  const started = new Date();
  const { customers } = await reconcileBilling();
  await drainJobs();
  const changed = await db
    .select({ workspaceId: subscriptionHistory.workspaceId })
    .from(subscriptionHistory)
    .where(
      and(
        eq(subscriptionHistory.reason, "reconcile"),
        gte(subscriptionHistory.recordedAt, started),
      ),
    );
  const repaired = [];
  for (const { workspaceId } of changed) {
    const [after] = await db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.workspaceId, workspaceId));
    repaired.push({
      workspaceId,
      from: before.get(workspaceId) ?? "unknown",
      to: after ? `${after.planId}/${after.status}/${after.seats}` : "deleted",
    });
  }
  return { customers, repaired };
}
