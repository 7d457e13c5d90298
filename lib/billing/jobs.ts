import { and, eq, isNotNull, lte } from "drizzle-orm";
import { db } from "@/lib/db";
import { billingAccounts, jobs, stripeEvents } from "@/lib/db/schema";
import { enqueue } from "@/lib/jobs";
import { defineJob } from "@/lib/jobs/registry";
import { createId } from "@/lib/ids";
import { logger } from "@/lib/observability/logger";
import { billingConfigured, stripe } from "./stripe";
import { syncCustomer } from "./sync";
import { markEvent } from "./webhook";
import { now as clockNow } from "@/lib/clock";

/**
 * Billing's background work: processing ledgered Stripe events, converging one customer, and
 * the hourly reconciliation that compares every Stripe subscription with local state.
 */

defineJob("stripe.process-event", async ({ eventId }) => {
  const [event] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId));
  if (!event || event.status === "processed" || event.status === "skipped") return;
  if (!event.customerId) {
    await markEvent(eventId, { status: "skipped", reason: "The event names no customer." });
    return;
  }
  const objectId = (event.payload as { data?: { object?: { id?: string } } }).data?.object?.id;
  try {
    const result = await syncCustomer(event.customerId, {
      event: { id: event.id, type: event.type, created: event.createdAt, objectId },
    });
    if (result.outcome === "applied" || result.outcome === "history") {
      await markEvent(eventId, { status: "processed" });
    } else {
      await markEvent(eventId, {
        status: "skipped",
        reason:
          result.outcome === "stale"
            ? "Older than the last event applied (still recorded in the history)."
            : result.reason,
      });
    }
  } catch (error) {
    await markEvent(eventId, {
      status: "failed",
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
});

defineJob("billing.sync-customer", async ({ customerId, reason }) => {
  const result = await syncCustomer(customerId, { reason });
  if (reason === "reconcile" && result.outcome === "applied" && result.changed) {
    // Reconciliation only changes something when an event was lost or failed.
    logger.warn(
      { customerId, workspaceId: result.workspaceId },
      "Reconciliation repaired a workspace's billing state: an event was lost or failed",
    );
  }
});

/** Whether a convergence of this customer is queued, due and not started yet. */
async function reconcileWaiting(customerId: string): Promise<boolean> {
  const [waiting] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.name, "billing.sync-customer"),
        eq(jobs.orderingKey, `stripe:${customerId}`),
        eq(jobs.status, "pending"),
        lte(jobs.runAt, clockNow()),
      ),
    )
    .limit(1);
  return waiting !== undefined;
}

/**
 * List every subscription in Stripe and every linked customer here, and converge each customer
 * through the same per-customer queue as webhook events (so the two never race). Every run
 * compares and repairs: only a convergence still waiting in the queue is not queued twice (a
 * finished one proves nothing about now). What it changes is audited with reason `reconcile`.
 */
export async function reconcileBilling(): Promise<{ customers: number }> {
  if (!billingConfigured()) return { customers: 0 };
  const customers = new Set<string>();
  for await (const subscription of stripe().subscriptions.list({ status: "all", limit: 100 })) {
    customers.add(
      typeof subscription.customer === "string" ? subscription.customer : subscription.customer.id,
    );
  }
  const linked = await db
    .select({ customerId: billingAccounts.stripeCustomerId })
    .from(billingAccounts)
    .where(isNotNull(billingAccounts.stripeCustomerId));
  for (const row of linked) if (row.customerId) customers.add(row.customerId);
  const run = createId("rec");
  for (const customerId of customers) {
    if (await reconcileWaiting(customerId)) continue;
    await enqueue(
      "billing.sync-customer",
      { customerId, reason: "reconcile" },
      { orderingKey: `stripe:${customerId}`, singletonKey: `reconcile:${customerId}:${run}` },
    );
  }
  return { customers: customers.size };
}

defineJob("billing.reconcile", async () => {
  await reconcileBilling();
});
