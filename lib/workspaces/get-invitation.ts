import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { isRole, type Role } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { invitations, users, workspaces } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validation";
import { invitationState, type InvitationState } from "./invitation-state";

export interface InvitationDetails {
  id: string;
  email: string;
  role: Role;
  state: InvitationState;
  expiresAt: Date;
  workspaceName: string;
  workspaceSlug: string;
  inviterName: string;
}

const inviters = alias(users, "inviters");

/**
 * An invitation as its recipient sees it on the accept page. Anyone but the person it was sent
 * to (matched by email, case-insensitively) gets not_found, so nothing about it is revealed.
 */
export async function getInvitation(
  principal: Principal,
  invitationId: string,
): Promise<InvitationDetails> {
  if (!isId(invitationId)) throw new AppError("not_found", "Invitation not found.");
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      status: invitations.status,
      expiresAt: invitations.expiresAt,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
      inviterName: inviters.name,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.organizationId))
    .innerJoin(inviters, eq(inviters.id, invitations.inviterId))
    .where(eq(invitations.id, invitationId));
  const [user] = await db
    .select({ email: users.email, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, principal.userId));
  if (!row || !user?.emailVerified || row.email.toLowerCase() !== user.email.toLowerCase()) {
    throw new AppError("not_found", "Invitation not found.");
  }
  const { status, ...details } = row;
  return {
    ...details,
    role: isRole(row.role) ? row.role : "member",
    state: invitationState({ status, expiresAt: row.expiresAt }),
  };
}
