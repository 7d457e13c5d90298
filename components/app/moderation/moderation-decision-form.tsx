"use client";

import { useActionState } from "react";
import { moderateContentAction } from "@/app/(app)/w/[workspace]/moderation/actions";
import { FormNote } from "@/components/app/members/form-note";
import { SubmitButton } from "@/components/auth/form-parts";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { initialFormState } from "@/lib/auth/form-state";

/** Approve / Reject / Spam for one held item; the pressed button is the decision. */
export function ModerationDecisionForm({
  workspaceId,
  targetType,
  targetId,
  label,
}: {
  workspaceId: string;
  targetType: "problem" | "comment";
  targetId: string;
  /** Names the item in the buttons' accessible names: `problem “Export fails”`. */
  label: string;
}) {
  const [state, action] = useActionState(moderateContentAction, initialFormState);
  const noteId = `note-${targetId}`;
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <div className="grid gap-1.5">
        <Label htmlFor={noteId}>Note for the log (optional)</Label>
        <Textarea
          id={noteId}
          name="note"
          rows={1}
          maxLength={500}
          defaultValue={state.values?.note}
          aria-invalid={state.fieldErrors?.note ? true : undefined}
          aria-describedby={state.error || state.success ? `${noteId}-result` : undefined}
          className="min-h-9 py-1.5"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton size="sm" name="decision" value="approve" aria-label={`Approve ${label}`}>
          Approve
        </SubmitButton>
        <SubmitButton
          size="sm"
          variant="outline"
          name="decision"
          value="reject"
          aria-label={`Reject ${label}`}
        >
          Reject
        </SubmitButton>
        <SubmitButton
          size="sm"
          variant="destructive"
          name="decision"
          value="spam"
          aria-label={`Mark ${label} as spam`}
        >
          Spam
        </SubmitButton>
      </div>
      <FormNote id={`${noteId}-result`} state={state} field="note" />
    </form>
  );
}
