"use client";

import { useActionState } from "react";
import { banAuthorAction } from "@/app/(app)/w/[workspace]/moderation/actions";
import { FormNote } from "@/components/app/members/form-note";
import { SubmitButton } from "@/components/auth/form-parts";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { initialFormState } from "@/lib/auth/form-state";

/** Ban the author of a held item, with an optional reason; asks first when JavaScript runs. */
export function BanAuthorForm({
  workspaceId,
  userId,
  authorName,
  formId,
}: {
  workspaceId: string;
  userId: string;
  authorName: string;
  /** Unique on the page (the same author can have several held items). */
  formId: string;
}) {
  const [state, action] = useActionState(banAuthorAction, initialFormState);
  const reasonId = `ban-reason-${formId}`;
  return (
    <form
      action={action}
      onSubmit={(event) => {
        const question = `Ban ${authorName}? They can still read your boards but can't post, vote, comment or report, and everything they have waiting for review becomes spam.`;
        if (!window.confirm(question)) event.preventDefault();
      }}
      className="grid gap-2"
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="userId" value={userId} />
      <div className="grid gap-1.5">
        <Label htmlFor={reasonId}>Reason for the ban (optional)</Label>
        <div className="flex flex-wrap gap-2">
          <Input
            id={reasonId}
            name="reason"
            maxLength={500}
            defaultValue={state.values?.reason}
            className="h-8 max-w-sm flex-1"
          />
          {/* The name starts with the visible text (WCAG 2.5.3), then says whom. */}
          <SubmitButton size="sm" variant="outline">
            Ban author<span className="sr-only"> {authorName}</span>
          </SubmitButton>
        </div>
      </div>
      <FormNote state={state} />
    </form>
  );
}
