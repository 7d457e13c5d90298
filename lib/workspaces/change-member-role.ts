import { eq } from "drizzle-orm";
import { actorOf, recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/authorize";
import type { Role } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { invalidateUser } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { members } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { LAST_OWNER_MESSAGE, lockMember, lockOwners } from "./member-locks";
import { changeMemberRoleSchema, fieldErrorsOf } from "./schemas";

/**
 * Give a member another role. Only an owner may make someone an owner or change an owner's
 * role, and the last owner cannot be demoted.
 */
export async function changeMemberRole(
  principal: Principal,
  workspaceId: string,
  input: unknown,
): Promise<{ userId: string; role: Role }> {
  const actor = await requirePermission(principal, workspaceId, "member:update");
  const parsed = changeMemberRoleSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      "validation_failed",
      "Check the highlighted fields.",
      fieldErrorsOf(parsed.error),
    );
  }
  const { userId, role } = parsed.data;
  if (role === "owner" && actor.role !== "owner") {
    throw new AppError("forbidden", "Only an owner can make someone an owner.", {
      role: ["Only an owner can make someone an owner."],
    });
  }

  const changed = await db.transaction(async (tx) => {
    const owners = await lockOwners(tx, workspaceId);
    const target = await lockMember(tx, workspaceId, userId);
    if (!target) throw new AppError("not_found", "Member not found.");
    if (target.role === "owner" && actor.role !== "owner") {
      throw new AppError("forbidden", "Only an owner can change an owner's role.", {
        role: ["Only an owner can change an owner's role."],
      });
    }
    if (target.role === role) return { userId, role };
    if (target.role === "owner" && owners <= 1) {
      throw new AppError("conflict", LAST_OWNER_MESSAGE, {
        role: [`${LAST_OWNER_MESSAGE} Make someone else an owner first.`],
      });
    }
    await tx.update(members).set({ role }).where(eq(members.id, target.id));
    await recordAudit(tx, {
      workspaceId,
      actor: actorOf(principal),
      action: "member.role_changed",
      target: { type: "user", id: userId },
      metadata: { from: target.role, to: role },
    });
    return { userId, role };
  });
  await invalidateUser(userId);
  return changed;
}
