import { and, eq, sql } from "drizzle-orm";
import { actorOf, recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { reserveCapacity } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { invitations, members, users, type Invitation } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { fieldErrorsOf, inviteMemberSchema } from "./schemas";
import { now as clockNow } from "@/lib/clock";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Invite someone to the workspace by email. A pending invitation for the same address is
 * replaced (canceled). The invitation and its email are written in one transaction, so an
 * invitation never exists without its email and vice versa.
 */
export async function inviteMember(
  principal: Principal,
  workspaceId: string,
  input: unknown,
): Promise<Invitation> {
  const membership = await requirePermission(principal, workspaceId, "member:invite");
  const parsed = inviteMemberSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      "validation_failed",
      "Check the highlighted fields.",
      fieldErrorsOf(parsed.error),
    );
  }
  const { email, role } = parsed.data;
  if (role === "owner" && membership.role !== "owner") {
    throw new AppError("forbidden", "Only an owner can invite another owner.", {
      role: ["Only an owner can invite another owner."],
    });
  }

  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: members.id })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.organizationId, workspaceId), sql`lower(${users.email}) = ${email}`));
    if (existing) {
      throw new AppError("conflict", "That person is already a member.", {
        email: ["That person is already a member of this workspace."],
      });
    }
    await tx
      .update(invitations)
      .set({ status: "canceled" })
      .where(
        and(
          eq(invitations.organizationId, workspaceId),
          eq(invitations.status, "pending"),
          sql`lower(${invitations.email}) = ${email}`,
        ),
      );
    // Members plus pending invitations may not exceed the plan's seats.
    await reserveCapacity(tx, workspaceId, "seats");
    const [inviter] = await tx
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, principal.userId));
    const [invitation] = await tx
      .insert(invitations)
      .values({
        id: createId("inv"),
        organizationId: workspaceId,
        email,
        role,
        status: "pending",
        expiresAt: new Date(clockNow().getTime() + INVITATION_LIFETIME_MS),
        inviterId: principal.userId,
      })
      .returning();
    if (!invitation) throw new Error("inviteMember: insert returned no row");
    await sendEmail(
      "workspace-invitation",
      email,
      {
        inviterName: inviter?.name ?? "A teammate",
        workspaceName: membership.workspaceName,
        role,
        url: `${env.APP_URL}/invitations/${invitation.id}`,
      },
      { idempotencyKey: `invitation:${invitation.id}`, tx },
    );
    await recordAudit(tx, {
      workspaceId,
      actor: actorOf(principal),
      action: "member.invited",
      target: { type: "invitation", id: invitation.id },
      metadata: { email, role },
    });
    return invitation;
  });
}
