import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import type { MemberSummary } from "@/lib/workspaces/get-workspace";
import { MemberRoleForm } from "./member-role-form";
import { LeaveWorkspaceForm, RemoveMemberForm } from "./remove-member-forms";
import type { RoleOption } from "./role-select";

interface MembersTableProps {
  workspaceId: string;
  members: MemberSummary[];
  currentUserId: string;
  /** The viewer's own role and what it lets them do; the server checks again on submit. */
  viewerRole: Role;
  canUpdate: boolean;
  canRemove: boolean;
  /** Owners of a personal workspace cannot leave it, so they get no Leave button. */
  canLeave: boolean;
  assignableRoles: RoleOption[];
}

export function MembersTable({
  workspaceId,
  members,
  currentUserId,
  viewerRole,
  canUpdate,
  canRemove,
  canLeave,
  assignableRoles,
}: MembersTableProps) {
  // Only an owner may touch an owner's membership.
  const mayManage = (role: Role) => viewerRole === "owner" || role !== "owner";
  return (
    <table className="w-full text-sm">
      <thead className="text-left text-muted-foreground">
        <tr>
          <th className="py-2 font-medium">Name</th>
          <th className="py-2 font-medium">Email</th>
          <th className="py-2 font-medium">Role</th>
          <th className="py-2 text-right font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => {
          const isSelf = member.userId === currentUserId;
          return (
            <tr key={member.userId} className="border-t align-top">
              <td className="py-2">
                {member.name}
                {isSelf ? <span className="text-muted-foreground"> (you)</span> : null}
              </td>
              <td className="py-2 text-muted-foreground">{member.email}</td>
              <td className="py-2">
                {canUpdate && mayManage(member.role) ? (
                  <MemberRoleForm
                    workspaceId={workspaceId}
                    userId={member.userId}
                    memberName={member.name}
                    role={member.role}
                    roles={assignableRoles}
                  />
                ) : (
                  ROLE_LABELS[member.role]
                )}
              </td>
              <td className="py-2 text-right">
                {isSelf ? (
                  canLeave ? (
                    <LeaveWorkspaceForm workspaceId={workspaceId} />
                  ) : null
                ) : canRemove && mayManage(member.role) ? (
                  <RemoveMemberForm
                    workspaceId={workspaceId}
                    userId={member.userId}
                    memberName={member.name}
                  />
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
