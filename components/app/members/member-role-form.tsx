"use client";

import { useActionState } from "react";
import { changeMemberRoleAction } from "@/app/(app)/w/[workspace]/members/actions";
import { SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";
import { FormNote } from "./form-note";
import { RoleSelect, type RoleOption } from "./role-select";

interface MemberRoleFormProps {
  workspaceId: string;
  userId: string;
  memberName: string;
  role: string;
  roles: RoleOption[];
}

/** A role picker with a Save button for one member; errors show under it. */
export function MemberRoleForm({
  workspaceId,
  userId,
  memberName,
  role,
  roles,
}: MemberRoleFormProps) {
  const [state, action] = useActionState(changeMemberRoleAction, initialFormState);
  const selectId = `role-${userId}`;
  return (
    <form action={action} className="grid gap-1">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="userId" value={userId} />
      <div className="flex items-center gap-2">
        <label htmlFor={selectId} className="sr-only">
          Role for {memberName}
        </label>
        <RoleSelect
          key={role}
          id={selectId}
          name="role"
          roles={roles}
          defaultValue={role}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error || state.success ? `${selectId}-note` : undefined}
        />
        <SubmitButton size="sm" variant="outline">
          Save
        </SubmitButton>
      </div>
      <FormNote id={`${selectId}-note`} state={state} field="role" />
    </form>
  );
}
