import { and, eq } from "drizzle-orm";
import { actorOf, recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { invitations } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validation";

/**
 * Cancel a pending invitation of this workspace. An invitation of another workspace is
 * not_found, as if it did not exist.
 */
export async function cancelInvitation(
  principal: Principal,
  workspaceId: string,
  invitationId: string,
): Promise<void> {
  await requirePermission(principal, workspaceId, "member:invite");
  if (!isId(invitationId)) throw new AppError("not_found", "Invitation not found.");
  await db.transaction(async (tx) => {
    const [invitation] = await tx
      .select({ status: invitations.status })
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.organizationId, workspaceId)))
      .for("update");
    if (!invitation) throw new AppError("not_found", "Invitation not found.");
    if (invitation.status !== "pending") {
      throw new AppError("conflict", "This invitation is no longer pending.");
    }
    await tx
      .update(invitations)
      .set({ status: "canceled" })
      .where(eq(invitations.id, invitationId));
    await recordAudit(tx, {
      workspaceId,
      actor: actorOf(principal),
      action: "member.invitation_canceled",
      target: { type: "invitation", id: invitationId },
    });
  });
}
