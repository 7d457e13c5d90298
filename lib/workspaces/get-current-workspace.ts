import { and, eq, sql } from "drizzle-orm";
import type { Membership } from "@/lib/auth/authorize";
import { isRole } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { defaultWorkspaceIdFor } from "@/lib/auth/workspace-preference";
import { db } from "@/lib/db";
import { members, workspaces } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

export interface CurrentWorkspace extends Membership {
  memberCount: number;
}

/** The principal's membership in one workspace with its member count, in one query. */
async function findWithCount(principal: Principal, workspaceId: string) {
  const [row] = await db
    .select({
      workspaceId: workspaces.id,
      workspaceSlug: workspaces.slug,
      workspaceName: workspaces.name,
      personal: workspaces.personal,
      role: members.role,
      memberCount: sql<number>`(select count(*)::int from ${members} m where m.workspace_id = ${workspaces.id})`,
    })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
    .where(and(eq(members.userId, principal.userId), eq(members.organizationId, workspaceId)));
  return row && isRole(row.role) ? { ...row, role: row.role } : null;
}

/**
 * The session's active workspace with the principal's role in it. Falls back to the user's
 * default workspace when the active one is gone or they were removed from it.
 */
export async function getCurrentWorkspace(
  principal: Principal,
  activeWorkspaceId: string | null | undefined,
): Promise<CurrentWorkspace> {
  let current = activeWorkspaceId ? await findWithCount(principal, activeWorkspaceId) : null;
  if (!current) {
    const fallback = await defaultWorkspaceIdFor(principal.userId);
    current = fallback ? await findWithCount(principal, fallback) : null;
  }
  if (!current) throw new AppError("not_found", "You are not a member of any workspace.");
  return current;
}
