import { and, asc, eq } from "drizzle-orm";
import { isRole, type Role } from "@/lib/auth/permissions";
import type { Transaction } from "@/lib/db";
import { members } from "@/lib/db/schema";

export const LAST_OWNER_MESSAGE = "A workspace needs at least one owner.";

/**
 * Lock the workspace's owner memberships and count them. Role changes and removals call this
 * first (always in id order), so two owners demoting or removing each other at once cannot both
 * pass the last-owner check.
 */
export async function lockOwners(tx: Transaction, workspaceId: string): Promise<number> {
  const owners = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.organizationId, workspaceId), eq(members.role, "owner")))
    .orderBy(asc(members.id))
    .for("update");
  return owners.length;
}

/** Lock one user's membership in the workspace; null when they are not a member of it. */
export async function lockMember(
  tx: Transaction,
  workspaceId: string,
  userId: string,
): Promise<{ id: string; role: Role } | null> {
  const [row] = await tx
    .select({ id: members.id, role: members.role })
    .from(members)
    .where(and(eq(members.organizationId, workspaceId), eq(members.userId, userId)))
    .for("update");
  if (!row || !isRole(row.role)) return null;
  return { id: row.id, role: row.role };
}
