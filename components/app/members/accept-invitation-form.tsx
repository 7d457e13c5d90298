"use client";

import { useActionState } from "react";
import { acceptInvitationAction } from "@/app/(app)/invitations/[id]/actions";
import { FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";

export function AcceptInvitationForm({ invitationId }: { invitationId: string }) {
  const [state, action] = useActionState(acceptInvitationAction, initialFormState);
  return (
    <form action={action} className="grid gap-4">
      <input type="hidden" name="invitationId" value={invitationId} />
      <FormMessage state={state} />
      <div>
        <SubmitButton>Accept invitation</SubmitButton>
      </div>
    </form>
  );
}
