import { and, asc, desc, eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { members, users, workspaces } from "@/lib/db/schema";

/**
 * The workspace a new session opens in: the one the user last switched to while they are still a
 * member of it, otherwise their personal workspace, otherwise the oldest membership.
 */
export async function defaultWorkspaceIdFor(userId: string): Promise<string | null> {
  const [user] = await db
    .select({ lastWorkspaceId: users.lastWorkspaceId })
    .from(users)
    .where(eq(users.id, userId));
  if (user?.lastWorkspaceId) {
    const [stillMember] = await db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.userId, userId), eq(members.organizationId, user.lastWorkspaceId)));
    if (stillMember) return user.lastWorkspaceId;
  }
  const [first] = await db
    .select({ id: workspaces.id })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
    .where(eq(members.userId, userId))
    .orderBy(desc(workspaces.personal), asc(members.createdAt))
    .limit(1);
  return first?.id ?? null;
}
