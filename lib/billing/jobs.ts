import { and, eq, isNotNull } from "drizzle-orm";
import { db } from "@/lib/db";
import { billingAccounts, stripeEvents } from "@/lib/db/schema";
import { enqueue } from "@/lib/jobs";
import { defineJob } from "@/lib/jobs/registry";
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
    await markEvent(eventId, { status: "skipped" });
    return;
  }
  const objectId = (event.payload as { data?: { object?: { id?: string } } }).data?.object?.id;
  try {
    const result = await syncCustomer(event.customerId, {
      event: { id: event.id, type: event.type, created: event.createdAt, objectId },
    });
    await markEvent(eventId, {
      status: result.outcome === "applied" ? "processed" : "skipped",
    });
  } catch (error) {
    await markEvent(eventId, {
      status: "failed",
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
});

defineJob("billing.sync-customer", async ({ customerId, reason }) => {
  await syncCustomer(customerId, { reason });
});

/**
 * List every subscription in Stripe and every linked customer here, and converge each customer
 * through the same per-customer queue as webhook events (so the two never race). What changed is
 * recorded in subscription_history with reason `reconcile`.
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
    .where(and(isNotNull(billingAccounts.stripeCustomerId)));
  for (const row of linked) if (row.customerId) customers.add(row.customerId);
  const hour = clockNow().toISOString().slice(0, 13);
  for (const customerId of customers) {
    await enqueue(
      "billing.sync-customer",
      { customerId, reason: "reconcile" },
      { orderingKey: `stripe:${customerId}`, singletonKey: `reconcile:${customerId}:${hour}` },
    );
  }
  return { customers: customers.size };
}

defineJob("billing.reconcile", async () => {
  await reconcileBilling();
});
