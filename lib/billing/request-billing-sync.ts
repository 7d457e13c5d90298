import { eq } from "drizzle-orm";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { billingAccounts } from "@/lib/db/schema";
import { enqueue } from "@/lib/jobs";

/**
 * Ask the worker to converge the workspace's Stripe customer now, instead of waiting for the
 * webhook (the checkout success page calls it). It only asks: the job re-reads Stripe, so
 * nothing from the request (such as a checkout session id) ever becomes billing state. Repeated
 * calls within a minute queue one job.
 */
export async function requestBillingSync(
  principal: Principal,
  workspaceId: string,
  reason: string,
): Promise<boolean> {
  await requirePermission(principal, workspaceId, "workspace:read");
  const [account] = await db
    .select({ customerId: billingAccounts.stripeCustomerId })
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  const customerId = account?.customerId;
  if (!customerId) return false;
  const minute = Math.floor(Date.now() / 60_000);
  const id = await enqueue(
    "billing.sync-customer",
    { customerId, reason },
    { orderingKey: `stripe:${customerId}`, singletonKey: `${reason}:${customerId}:${minute}` },
  );
  return id !== null;
}
