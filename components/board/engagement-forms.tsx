"use client";

import { useActionState } from "react";
import { followAction, flagAction } from "@/app/b/actions";
import { FormNote } from "@/components/app/members/form-note";
import { SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";
import { TextareaField } from "./form-fields";
import { useLatestResult } from "./use-latest-result";

/** Follow (status-change emails) or unfollow a problem. */
export function FollowForm({
  problemId,
  returnTo,
  following,
}: {
  problemId: string;
  returnTo: string;
  following: boolean;
}) {
  const [answer, action] = useActionState(followAction, initialFormState);
  const state = useLatestResult(answer);
  return (
    <form action={action} className="grid gap-1">
      <input type="hidden" name="problemId" value={problemId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <input type="hidden" name="follow" value={following ? "0" : "1"} />
      <div>
        <SubmitButton size="sm" variant="outline">
          {following ? "Unfollow" : "Follow"}
        </SubmitButton>
      </div>
      <FormNote state={state} />
    </form>
  );
}

/** Report a problem or a comment, with a reason, inside a disclosure. */
export function FlagForm({
  targetType,
  targetId,
  returnTo,
}: {
  targetType: "problem" | "comment";
  targetId: string;
  returnTo: string;
}) {
  const [state, action] = useActionState(flagAction, initialFormState);
  if (state.success) {
    return (
      <p role="status" className="text-sm text-muted-foreground">
        {state.success}
      </p>
    );
  }
  return (
    <details className="open:basis-full">
      <summary className="inline-flex h-7 cursor-pointer list-none items-center rounded-md px-2 text-sm text-muted-foreground outline-none select-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 [&::-webkit-details-marker]:hidden">
        Report
      </summary>
      <form action={action} className="mt-2 grid w-full max-w-md gap-2" noValidate>
        <input type="hidden" name="targetType" value={targetType} />
        <input type="hidden" name="targetId" value={targetId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <TextareaField
          name="reason"
          id={`reason-${targetId}`}
          label={`Why should a moderator look at this ${targetType}?`}
          state={state}
          rows={2}
          maxLength={500}
          required
        />
        <div className="flex items-center gap-3">
          <SubmitButton size="sm" variant="outline">
            Send report
          </SubmitButton>
          <FormNote state={state} />
        </div>
      </form>
    </details>
  );
}
