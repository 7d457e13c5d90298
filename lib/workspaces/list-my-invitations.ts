import { and, eq, gt, notExists, sql } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { invitations, members, users, workspaces } from "@/lib/db/schema";

export interface MyInvitation {
  id: string;
  workspaceName: string;
}

/**
 * Invitations waiting for the signed-in person: pending, unexpired, sent to their verified email
 * address, to workspaces they are not in yet. Someone who signed up without following the
 * invitation's link finds it here. Nothing for an unverified address.
 */
export async function listMyInvitations(principal: Principal): Promise<MyInvitation[]> {
  return db
    .select({ id: invitations.id, workspaceName: workspaces.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.organizationId))
    .innerJoin(
      users,
      and(
        eq(users.id, principal.userId),
        eq(users.emailVerified, true),
        sql`lower(${users.email}) = lower(${invitations.email})`,
      ),
    )
    .where(
      and(
        eq(invitations.status, "pending"),
        gt(invitations.expiresAt, now()),
        notExists(
          db
            .select({ id: members.id })
            .from(members)
            .where(
              and(
                eq(members.organizationId, invitations.organizationId),
                eq(members.userId, principal.userId),
              ),
            ),
        ),
      ),
    )
    .orderBy(invitations.createdAt);
}

export interface InvitationPreview {
  email: string;
  workspaceName: string;
}

/**
 * What the sign-up page may say about the invitation a visitor followed (`/invitations/{id}`):
 * the address it was sent to (to prefill) and the workspace, while it is pending. Only someone
 * holding the link, which was mailed to that address with that workspace's name, can ask.
 */
export async function getInvitationPreview(
  invitationId: string,
): Promise<InvitationPreview | null> {
  const [row] = await db
    .select({ email: invitations.email, workspaceName: workspaces.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.organizationId))
    .where(
      and(
        eq(invitations.id, invitationId),
        eq(invitations.status, "pending"),
        gt(invitations.expiresAt, now()),
      ),
    );
  return row ?? null;
}
