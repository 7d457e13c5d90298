import { and, desc, eq, gt } from "drizzle-orm";
import { requirePermission } from "@/lib/auth/authorize";
import { isRole, type Role } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { invitations, users } from "@/lib/db/schema";
import { now as clockNow } from "@/lib/clock";

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  inviterName: string;
  expiresAt: Date;
  createdAt: Date;
}

/** The workspace's pending, unexpired invitations, newest first, for those who may invite. */
export async function listInvitations(
  principal: Principal,
  workspaceId: string,
): Promise<PendingInvitation[]> {
  await requirePermission(principal, workspaceId, "member:invite");
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      inviterName: users.name,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.inviterId))
    .where(
      and(
        eq(invitations.organizationId, workspaceId),
        eq(invitations.status, "pending"),
        gt(invitations.expiresAt, clockNow()),
      ),
    )
    .orderBy(desc(invitations.createdAt));
  return rows.map((row) => ({ ...row, role: isRole(row.role) ? row.role : "member" }));
}
