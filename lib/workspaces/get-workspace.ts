import { and, asc, eq } from "drizzle-orm";
import { requirePermission, type Membership } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { isRole, type Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { members, users, workspaces } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isSlug } from "@/lib/validation";

/** The principal's membership in the workspace with this slug; not_found for non-members. */
export async function getWorkspaceBySlug(principal: Principal, slug: string): Promise<Membership> {
  if (!isSlug(slug)) throw new AppError("not_found", "Workspace not found.");
  const [row] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .innerJoin(members, eq(members.organizationId, workspaces.id))
    .where(and(eq(workspaces.slug, slug), eq(members.userId, principal.userId)));
  if (!row) throw new AppError("not_found", "Workspace not found.");
  return requirePermission(principal, row.id, "workspace:read");
}

export interface MemberSummary {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

/** The members of a workspace, for anyone who may read it. */
export async function listMembers(
  principal: Principal,
  workspaceId: string,
): Promise<MemberSummary[]> {
  await requirePermission(principal, workspaceId, "workspace:read");
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: members.role,
      joinedAt: members.createdAt,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.organizationId, workspaceId))
    .orderBy(asc(members.createdAt));
  return rows.flatMap((row) => (isRole(row.role) ? [{ ...row, role: row.role }] : []));
}
