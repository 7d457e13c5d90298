"use client";

import { useActionState } from "react";
import { inviteMemberAction } from "@/app/(app)/w/[workspace]/members/actions";
import { Field, FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { initialFormState } from "@/lib/auth/form-state";
import { RoleSelect, type RoleOption } from "./role-select";

export function InviteMemberForm({
  workspaceId,
  workspaceSlug,
  roles,
}: {
  workspaceId: string;
  workspaceSlug: string;
  roles: RoleOption[];
}) {
  const [state, action] = useActionState(inviteMemberAction, initialFormState);
  const roleErrors = state.fieldErrors?.role;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <FormMessage state={state} upgradeHref={`/w/${workspaceSlug}/billing`} />
      <div className="grid gap-4 sm:grid-cols-[1fr_auto]">
        <Field
          name="email"
          label="Email address"
          type="email"
          autoComplete="off"
          placeholder="teammate@example.com"
          state={state}
          required
        />
        <div className="grid gap-1.5 content-start">
          <Label htmlFor="invite-role">Role</Label>
          <RoleSelect
            id="invite-role"
            name="role"
            roles={roles}
            defaultValue={state.values?.role ?? "member"}
            aria-invalid={roleErrors ? true : undefined}
            aria-describedby={roleErrors ? "invite-role-error" : undefined}
          />
          <FieldError id="invite-role-error" messages={roleErrors} />
        </div>
      </div>
      <div>
        <SubmitButton>Send invitation</SubmitButton>
      </div>
    </form>
  );
}
