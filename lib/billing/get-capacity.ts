import { requirePermission } from "@/lib/auth/authorize";
import { hasPermission } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { countLive, getLimits } from "./entitlements";

export interface Capacity {
  /** Boards, or seats (members plus pending invitations), in use now. */
  used: number;
  /** Infinity when the plan sets no cap. */
  limit: number;
  /** The plan whose limits apply now (after a lapse: Free's). */
  planName: string;
  /** Whether the viewer may change the plan (owners and admins). */
  canUpgrade: boolean;
}

/**
 * How many boards or seats a workspace uses against its plan, for the pages that create them:
 * shown before the form, so nobody fills a form the plan would refuse. Creating still checks
 * (`reserveCapacity`); this is the preview. Any member may see it.
 */
export async function getCapacity(
  principal: Principal,
  workspaceId: string,
  metric: "boards" | "seats",
): Promise<Capacity> {
  const membership = await requirePermission(principal, workspaceId, "workspace:read");
  const [{ limits, planName }, used] = await Promise.all([
    getLimits(workspaceId),
    countLive(metric, workspaceId),
  ]);
  return {
    used,
    limit: limits[metric],
    planName,
    canUpgrade: hasPermission(membership.role, "billing:manage"),
  };
}
