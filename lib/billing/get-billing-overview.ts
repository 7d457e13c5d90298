import { requirePermission } from "@/lib/auth/authorize";
import { hasPermission } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { getBillingState, usageSummary, type UsageMeter } from "./entitlements";
import type { BillingState } from "./state";
import { billingConfigured } from "./stripe";

export interface BillingOverview {
  state: BillingState;
  meters: UsageMeter[];
  /** Whether the viewer may change the plan (owners and admins). */
  canManage: boolean;
  /** Whether this server is wired to Stripe (or the local emulator) at all. */
  configured: boolean;
}

/** What the billing page shows: plan, status and usage for any member; actions for managers. */
export async function getBillingOverview(
  principal: Principal,
  workspaceId: string,
): Promise<BillingOverview> {
  const membership = await requirePermission(principal, workspaceId, "workspace:read");
  const [state, meters] = await Promise.all([
    getBillingState(workspaceId),
    usageSummary(workspaceId),
  ]);
  return {
    state,
    meters,
    canManage: hasPermission(membership.role, "billing:manage"),
    configured: billingConfigured(),
  };
}
