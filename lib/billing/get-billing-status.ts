import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import type { SubscriptionStatus } from "@/lib/db/schema";
import { getBillingState } from "./entitlements";
import type { PlanId } from "./plans";

export interface BillingStatus {
  status: SubscriptionStatus;
  /** The plan subscribed to. */
  planId: PlanId;
  /** The plan whose limits apply now. */
  effectivePlanId: PlanId;
  /** A live (not canceled) Stripe subscription exists: plan changes go through the portal. */
  hasSubscription: boolean;
}

/**
 * The workspace's plan and subscription status for any member (the checkout success page polls
 * it). A non-member gets not_found.
 */
export async function getBillingStatus(
  principal: Principal,
  workspaceId: string,
): Promise<BillingStatus> {
  await requirePermission(principal, workspaceId, "workspace:read");
  const state = await getBillingState(workspaceId);
  return {
    status: state.status,
    planId: state.planId,
    effectivePlanId: state.effectivePlanId,
    hasSubscription: state.hasSubscription,
  };
}
