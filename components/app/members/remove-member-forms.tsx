"use client";

import { useActionState } from "react";
import {
  leaveWorkspaceAction,
  removeMemberAction,
} from "@/app/(app)/w/[workspace]/members/actions";
import { SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";
import { FormNote } from "./form-note";

/** Ask before a destructive submit when JavaScript runs; without it the form just submits. */
function confirmSubmit(question: string) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    if (!window.confirm(question)) event.preventDefault();
  };
}

export function RemoveMemberForm({
  workspaceId,
  userId,
  memberName,
}: {
  workspaceId: string;
  userId: string;
  memberName: string;
}) {
  const [state, action] = useActionState(removeMemberAction, initialFormState);
  return (
    <form
      action={action}
      onSubmit={confirmSubmit(`Remove ${memberName} from this workspace?`)}
      className="grid justify-items-end gap-1"
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton size="sm" variant="outline" aria-label={`Remove ${memberName}`}>
        Remove
      </SubmitButton>
      <FormNote state={state} />
    </form>
  );
}

export function LeaveWorkspaceForm({ workspaceId }: { workspaceId: string }) {
  const [state, action] = useActionState(leaveWorkspaceAction, initialFormState);
  return (
    <form
      action={action}
      onSubmit={confirmSubmit("Leave this workspace? You'll need a new invitation to come back.")}
      className="grid justify-items-end gap-1"
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <SubmitButton size="sm" variant="outline">
        Leave workspace
      </SubmitButton>
      <FormNote state={state} />
    </form>
  );
}
