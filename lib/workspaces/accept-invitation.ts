import { eq } from "drizzle-orm";
import { actorOf, recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/principal";
import { isRole } from "@/lib/auth/permissions";
import { reserveCapacity } from "@/lib/billing/entitlements";
import { invalidateUser } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { invitations, members, users, workspaces } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validation";
import { createId } from "@/lib/ids";
import { INVITATION_STATE_MESSAGES, invitationState } from "./invitation-state";

/**
 * Join a workspace through an invitation sent to the principal's email address. The membership
 * (an existing one is kept as it is), the accepted status and the remembered workspace are
 * written in one transaction. Returns the workspace's slug. The address must be verified, so
 * nobody can claim an invitation by signing up with someone else's email.
 */
export async function acceptInvitation(
  principal: Principal,
  invitationId: string,
): Promise<string> {
  if (!isId(invitationId)) throw new AppError("not_found", "Invitation not found.");
  const slug = await db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.id, invitationId))
      .for("update");
    const [user] = await tx
      .select({ email: users.email, emailVerified: users.emailVerified })
      .from(users)
      .where(eq(users.id, principal.userId));
    if (
      !invitation ||
      !user ||
      !user.emailVerified ||
      invitation.email.toLowerCase() !== user.email.toLowerCase()
    ) {
      throw new AppError("not_found", "Invitation not found.");
    }
    const state = invitationState(invitation);
    if (state !== "pending") throw new AppError("conflict", INVITATION_STATE_MESSAGES[state]);
    // The invitation already holds its seat; this fails only if the plan shrank since.
    await reserveCapacity(tx, invitation.organizationId, "seats", 0);

    await tx
      .insert(members)
      .values({
        id: createId("mem"),
        organizationId: invitation.organizationId,
        userId: principal.userId,
        role: isRole(invitation.role) ? invitation.role : "member",
      })
      .onConflictDoNothing({ target: [members.organizationId, members.userId] });
    await tx
      .update(invitations)
      .set({ status: "accepted" })
      .where(eq(invitations.id, invitation.id));
    await tx
      .update(users)
      .set({ lastWorkspaceId: invitation.organizationId })
      .where(eq(users.id, principal.userId));
    await recordAudit(tx, {
      workspaceId: invitation.organizationId,
      actor: actorOf(principal),
      action: "member.joined",
      target: { type: "invitation", id: invitation.id },
      metadata: { role: invitation.role },
    });
    const [workspace] = await tx
      .select({ slug: workspaces.slug })
      .from(workspaces)
      .where(eq(workspaces.id, invitation.organizationId));
    if (!workspace) throw new AppError("not_found", "Invitation not found.");
    return workspace.slug;
  });
  await invalidateUser(principal.userId);
  return slug;
}
