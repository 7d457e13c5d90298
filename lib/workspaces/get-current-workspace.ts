import { count, eq } from "drizzle-orm";
import { findMembership, type Membership } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { defaultWorkspaceIdFor } from "@/lib/auth/workspace-preference";
import { db } from "@/lib/db";
import { members } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

export interface CurrentWorkspace extends Membership {
  memberCount: number;
}

/**
 * The session's active workspace with the principal's role in it. Falls back to the user's
 * default workspace when the active one is gone or they were removed from it.
 */
export async function getCurrentWorkspace(
  principal: Principal,
  activeWorkspaceId: string | null | undefined,
): Promise<CurrentWorkspace> {
  let membership = activeWorkspaceId ? await findMembership(principal, activeWorkspaceId) : null;
  if (!membership) {
    const fallback = await defaultWorkspaceIdFor(principal.userId);
    membership = fallback ? await findMembership(principal, fallback) : null;
  }
  if (!membership) throw new AppError("not_found", "You are not a member of any workspace.");
  const [row] = await db
    .select({ value: count() })
    .from(members)
    .where(eq(members.organizationId, membership.workspaceId));
  return { ...membership, memberCount: row?.value ?? 0 };
}
