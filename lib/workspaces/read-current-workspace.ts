import { and, eq, gt, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { members, sessions, users, workspaces } from "@/lib/db/schema";

/**
 * The hot path of GET /api/workspaces/current: the session (by its verified token), its user and
 * the membership in its active workspace with the member count, in one prepared query.
 * Returns the user even when the active workspace no longer holds them (membership fields null),
 * so the caller can fall back to the user's default workspace.
 */
function prepare() {
  return db
    .select({
      userId: users.id,
      role: users.role,
      banned: users.banned,
      workspaceId: workspaces.id,
      workspaceSlug: workspaces.slug,
      workspaceName: workspaces.name,
      personal: workspaces.personal,
      memberRole: members.role,
      memberCount: sql<number>`(select count(*)::int from ${members} m where m.workspace_id = ${workspaces.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(
      members,
      and(
        eq(members.userId, sessions.userId),
        eq(members.organizationId, sessions.activeOrganizationId),
      ),
    )
    .leftJoin(workspaces, eq(workspaces.id, members.organizationId))
    .where(and(eq(sessions.token, sql.placeholder("token")), gt(sessions.expiresAt, sql`now()`)))
    .prepare("current_workspace_by_token");
}

let statement: ReturnType<typeof prepare> | undefined;

export async function readCurrentWorkspace(token: string) {
  statement ??= prepare();
  const [row] = await statement.execute({ token });
  return row && !row.banned ? row : null;
}
