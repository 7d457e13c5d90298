import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { invalidateUser } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { members, sessions, users, workspaces } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isSlug } from "@/lib/validation";

/**
 * Make a workspace the active one for this session and remember it for the user's next
 * sessions. Only a member can switch to a workspace; anyone else gets not_found.
 */
export async function switchWorkspace(
  principal: Principal,
  sessionId: string,
  workspaceSlug: string,
): Promise<{ id: string; slug: string }> {
  if (!isSlug(workspaceSlug)) throw new AppError("not_found", "Workspace not found.");
  const [target] = await db
    .select({ id: workspaces.id, slug: workspaces.slug })
    .from(workspaces)
    .innerJoin(members, eq(members.organizationId, workspaces.id))
    .where(and(eq(workspaces.slug, workspaceSlug), eq(members.userId, principal.userId)));
  if (!target) throw new AppError("not_found", "Workspace not found.");
  await db.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ activeOrganizationId: target.id })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, principal.userId)));
    await tx
      .update(users)
      .set({ lastWorkspaceId: target.id })
      .where(eq(users.id, principal.userId));
  });
  await invalidateUser(principal.userId);
  return target;
}
