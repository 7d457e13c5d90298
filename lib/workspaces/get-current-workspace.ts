import { and, eq, sql } from "drizzle-orm";
import type { Membership } from "@/lib/auth/authorize";
import { isRole } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { defaultWorkspaceIdFor } from "@/lib/auth/workspace-preference";
import { cached } from "@/lib/cache/cached";
import { userTag } from "@/lib/cache/tags";
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

/** Seconds a user's current-workspace lookup is kept; membership writes invalidate it sooner. */
const CURRENT_WORKSPACE_TTL = 30;

/**
 * The session's active workspace with the principal's role in it. Falls back to the user's
 * default workspace when the active one is gone or they were removed from it.
 *
 * Cached per user and active workspace (the key holds the user id: nothing here is shared between
 * users) with the `user:{id}` tag, which switching, joining, creating, leaving, removal and role
 * changes invalidate after they commit. The member count is the one figure other people change:
 * after someone else joins or leaves it can lag up to CURRENT_WORKSPACE_TTL seconds.
 */
export async function getCurrentWorkspace(
  principal: Principal,
  activeWorkspaceId: string | null | undefined,
): Promise<CurrentWorkspace> {
  const current = await cached(
    `current-workspace:${principal.userId}:${activeWorkspaceId ?? ""}`,
    { ttl: CURRENT_WORKSPACE_TTL, tags: [userTag(principal.userId)] },
    () => findCurrent(principal, activeWorkspaceId),
  );
  if (!current) throw new AppError("not_found", "You are not a member of any workspace.");
  return current;
}

async function findCurrent(
  principal: Principal,
  activeWorkspaceId: string | null | undefined,
): Promise<CurrentWorkspace | null> {
  const current = activeWorkspaceId ? await findWithCount(principal, activeWorkspaceId) : null;
  if (current) return current;
  const fallback = await defaultWorkspaceIdFor(principal.userId);
  return fallback ? findWithCount(principal, fallback) : null;
}
