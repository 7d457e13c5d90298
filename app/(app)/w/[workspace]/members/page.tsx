import type { Metadata } from "next";
import Link from "next/link";
import { CancelInvitationForm } from "@/components/app/members/cancel-invitation-form";
import { InviteMemberForm } from "@/components/app/members/invite-member-form";
import { CapacityNotice, hasRoom } from "@/components/billing/capacity-notice";
import { MembersTable } from "@/components/app/members/members-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasPermission, ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { getCapacity } from "@/lib/billing/get-capacity";
import { getWorkspaceBySlug, listMembers } from "@/lib/workspaces/get-workspace";
import { listInvitations } from "@/lib/workspaces/list-invitations";

export const metadata: Metadata = { title: "Members" };

const day = (date: Date) => date.toISOString().slice(0, 10);

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const session = await requireSession(`/w/${slug}/members`);
  const principal = principalOf(session);
  const workspace = await getWorkspaceBySlug(principal, slug);
  const canInvite = hasPermission(workspace.role, "member:invite");
  const members = await listMembers(principal, workspace.workspaceId);
  const invitations = canInvite ? await listInvitations(principal, workspace.workspaceId) : [];
  const seats = canInvite ? await getCapacity(principal, workspace.workspaceId, "seats") : null;
  // Only an owner may hand out the owner role.
  const assignableRoles = ROLES.filter(
    (role) => role !== "owner" || workspace.role === "owner",
  ).map((role) => ({ value: role, label: ROLE_LABELS[role] }));

  return (
    <div className="grid gap-8">
      <div className="grid gap-1">
        <Link
          href={`/w/${slug}`}
          className="text-sm text-muted-foreground underline-offset-4 hover:underline"
        >
          ← {workspace.workspaceName}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>People in this workspace</h2>
          </CardTitle>
          <CardDescription>
            {members.length} {members.length === 1 ? "person" : "people"} in{" "}
            {workspace.workspaceName}.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <MembersTable
            workspaceId={workspace.workspaceId}
            members={members}
            currentUserId={principal.userId}
            viewerRole={workspace.role}
            canUpdate={hasPermission(workspace.role, "member:update")}
            canRemove={hasPermission(workspace.role, "member:remove")}
            canLeave={!(workspace.personal && workspace.role === "owner")}
            assignableRoles={assignableRoles}
          />
        </CardContent>
      </Card>

      {canInvite ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Invite someone</h2>
            </CardTitle>
            <CardDescription>
              They get an email with a link that is valid for 7 days.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {seats ? (
              <CapacityNotice
                capacity={seats}
                one="seat"
                many="seats"
                billingHref={`/w/${slug}/billing`}
              />
            ) : null}
            {!seats || hasRoom(seats) ? (
              <InviteMemberForm
                workspaceId={workspace.workspaceId}
                workspaceSlug={slug}
                roles={assignableRoles}
              />
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      {canInvite ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Pending invitations</h2>
            </CardTitle>
            <CardDescription>
              {invitations.length === 0
                ? "No invitations are waiting for an answer."
                : `${invitations.length} waiting for an answer.`}
            </CardDescription>
          </CardHeader>
          {invitations.length > 0 ? (
            <CardContent>
              <ul className="grid gap-2 text-sm">
                {invitations.map((invitation) => (
                  <li
                    key={invitation.id}
                    className="flex items-start justify-between gap-4 border-t pt-2 first:border-0 first:pt-0"
                  >
                    <div className="grid gap-0.5">
                      <span>{invitation.email}</span>
                      <span className="text-muted-foreground">
                        {ROLE_LABELS[invitation.role]} · invited by {invitation.inviterName} ·
                        expires {day(invitation.expiresAt)}
                      </span>
                    </div>
                    <CancelInvitationForm
                      workspaceId={workspace.workspaceId}
                      invitationId={invitation.id}
                      email={invitation.email}
                    />
                  </li>
                ))}
              </ul>
            </CardContent>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
