import { eq } from "drizzle-orm";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db, type Transaction } from "@/lib/db";
import { billingAccounts } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
import { defineJob } from "@/lib/jobs/registry";
import { countLive } from "./entitlements";
import { getPlan, isPlanId } from "./plans";
import { stripe, toBillingError } from "./stripe";

/**
 * Team seats: the subscription quantity follows the member count. Adding a member beyond the
 * paid seats buys one (prorated now, as Stripe computes it); removing one lowers the quantity
 * without proration, so the next renewal bills fewer seats.
 */

async function teamSubscription(workspaceId: string) {
  const [account] = await db
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  if (!account || !isPlanId(account.planId) || !getPlan(account.planId).perSeat) return null;
  if (!account.stripeSubscriptionId || !["active", "trialing"].includes(account.status))
    return null;
  return account;
}

async function setQuantity(
  subscriptionId: string,
  quantity: number,
  proration: "always_invoice" | "none",
) {
  const client = stripe();
  const subscription = await client.subscriptions.retrieve(subscriptionId).catch(toBillingError);
  const item = subscription.items.data[0];
  if (!item) throw new AppError("conflict", "The subscription has no items to change.");
  if (item.quantity === quantity) return subscription;
  return client.subscriptions
    .update(
      subscriptionId,
      { items: [{ id: item.id, quantity }], proration_behavior: proration },
      { idempotencyKey: `seats:${subscriptionId}:${item.quantity}->${quantity}` },
    )
    .catch(toBillingError);
}

/** Buy `count` more seats on a Team subscription now (billing:manage). */
export async function buySeats(principal: Principal, workspaceId: string, extra = 1) {
  await requirePermission(principal, workspaceId, "billing:manage");
  if (!Number.isInteger(extra) || extra < 1 || extra > 1_000) {
    throw new AppError("validation_failed", "Check the number of seats.", {
      seats: ["Buy between 1 and 1,000 seats at a time."],
    });
  }
  const account = await teamSubscription(workspaceId);
  if (!account) {
    throw new AppError("conflict", "Seats can be bought on an active Team subscription only.");
  }
  const subscription = await setQuantity(
    account.stripeSubscriptionId!,
    account.seats + extra,
    "always_invoice",
  );
  // The webhook converges it too; this makes the new seats usable without waiting for it.
  await enqueue(
    "billing.sync-customer",
    { customerId: String(subscription.customer), reason: "seats" },
    { orderingKey: `stripe:${String(subscription.customer)}` },
  );
  return { seats: account.seats + extra };
}

/** Queue a seat right-sizing after a member leaves (in the removal's transaction). */
export async function queueSeatRelease(tx: Transaction, workspaceId: string) {
  await enqueue(
    "billing.release-seats",
    { workspaceId },
    { tx, orderingKey: `seats:${workspaceId}` },
  );
}

defineJob("billing.release-seats", async ({ workspaceId }) => {
  const account = await teamSubscription(workspaceId);
  if (!account) return;
  const plan = getPlan("team");
  const needed = Math.max(plan.minSeats, await countLive("seats", workspaceId));
  if (needed >= account.seats) return;
  await setQuantity(account.stripeSubscriptionId!, needed, "none");
});
