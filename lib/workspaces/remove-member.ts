import { eq } from "drizzle-orm";
import { actorOf, recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { queueSeatRelease } from "@/lib/billing/seats";
import { invalidateUser } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { members } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validation";
import { LAST_OWNER_MESSAGE, lockMember, lockOwners } from "./member-locks";

/**
 * Remove a member from the workspace, or leave it when the user is the principal themselves
 * (any member may leave; removing others needs member:remove). Only an owner may remove an
 * owner, the last owner can neither leave nor be removed, and an owner cannot leave their
 * personal workspace. Sessions that had this workspace active fall back on their own.
 */
export async function removeMember(
  principal: Principal,
  workspaceId: string,
  userId: string,
): Promise<void> {
  const leaving = userId === principal.userId;
  const actor = await requirePermission(
    principal,
    workspaceId,
    leaving ? "workspace:read" : "member:remove",
  );
  if (!isId(userId)) throw new AppError("not_found", "Member not found.");
  if (leaving && actor.personal && actor.role === "owner") {
    throw new AppError("forbidden", "You can't leave your personal workspace.");
  }

  await db.transaction(async (tx) => {
    const owners = await lockOwners(tx, workspaceId);
    const target = await lockMember(tx, workspaceId, userId);
    if (!target) throw new AppError("not_found", "Member not found.");
    if (target.role === "owner" && actor.role !== "owner") {
      throw new AppError("forbidden", "Only an owner can remove an owner.");
    }
    if (target.role === "owner" && owners <= 1) {
      throw new AppError(
        "conflict",
        leaving
          ? `${LAST_OWNER_MESSAGE} Make someone else an owner before you leave.`
          : LAST_OWNER_MESSAGE,
      );
    }
    await tx.delete(members).where(eq(members.id, target.id));
    await queueSeatRelease(tx, workspaceId);
    await recordAudit(tx, {
      workspaceId,
      actor: actorOf(principal),
      action: leaving ? "member.left" : "member.removed",
      target: { type: "user", id: userId },
      metadata: { role: target.role },
    });
  });
  await invalidateUser(userId);
}
