"use client";

import { useActionState } from "react";
import { cancelInvitationAction } from "@/app/(app)/w/[workspace]/members/actions";
import { SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";
import { FormNote } from "./form-note";

export function CancelInvitationForm({
  workspaceId,
  invitationId,
  email,
}: {
  workspaceId: string;
  invitationId: string;
  email: string;
}) {
  const [state, action] = useActionState(cancelInvitationAction, initialFormState);
  return (
    <form action={action} className="grid justify-items-end gap-1">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <SubmitButton size="sm" variant="outline" aria-label={`Cancel the invitation to ${email}`}>
        Cancel
      </SubmitButton>
      <FormNote state={state} />
    </form>
  );
}
