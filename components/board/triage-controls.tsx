"use client";

import { useActionState } from "react";
import {
  changeStatusAction,
  deleteProblemAction,
  mergeAction,
  pinCommentAction,
} from "@/app/b/actions";
import { FormNote } from "@/components/app/members/form-note";
import { FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { FieldError } from "@/components/ui/field-error";
import { initialFormState } from "@/lib/auth/form-state";
import { SelectField, TextareaField, type SelectOption } from "./form-fields";

interface ProblemTarget {
  problemId: string;
  returnTo: string;
}

function TargetFields({ problemId, returnTo }: ProblemTarget) {
  return (
    <>
      <input type="hidden" name="problemId" value={problemId} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </>
  );
}

/** Move the problem to another status with an optional public note; followers get an email. */
export function StatusChangeForm({
  status,
  statuses,
  ...target
}: ProblemTarget & { status: string; statuses: SelectOption[] }) {
  const [state, action] = useActionState(changeStatusAction, initialFormState);
  return (
    <form action={action} className="grid gap-3" noValidate>
      <FormMessage state={state} />
      <TargetFields {...target} />
      <SelectField
        name="status"
        label="Status"
        state={state}
        options={statuses}
        defaultValue={status}
      />
      <TextareaField
        name="note"
        label="Public note (optional)"
        state={state}
        rows={3}
        maxLength={2_000}
        hint="Shown in the status history and sent to followers."
      />
      <div>
        <SubmitButton size="sm">Change status</SubmitButton>
      </div>
    </form>
  );
}

/** Confirm the merge shown in the preview: this problem, as a duplicate, into `keptId`. */
export function MergeConfirmForm({
  keptId,
  keptTitle,
  ...target
}: ProblemTarget & { keptId: string; keptTitle: string }) {
  const [state, action] = useActionState(mergeAction, initialFormState);
  return (
    <form action={action} className="grid gap-3">
      <FormMessage state={state} />
      <FieldError id="merge-kept-error" messages={state.fieldErrors?.keptId} />
      <TargetFields {...target} />
      <input type="hidden" name="keptId" value={keptId} />
      <div>
        <SubmitButton size="sm" className="h-auto min-h-8 whitespace-normal wrap-anywhere">
          Merge into “{keptTitle}”
        </SubmitButton>
      </div>
    </form>
  );
}

/** Delete the problem. The confirm step is a required tick, so it works without JavaScript. */
export function DeleteProblemForm(target: ProblemTarget) {
  const [state, action] = useActionState(deleteProblemAction, initialFormState);
  const errors = state.fieldErrors?.confirm;
  return (
    <details className="rounded-lg border border-destructive/40 p-4">
      <summary className="cursor-pointer rounded-sm text-sm font-medium text-destructive outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
        Delete problem…
      </summary>
      <form action={action} className="mt-3 grid gap-3" noValidate>
        <FormMessage state={state} />
        <TargetFields {...target} />
        <p className="text-sm text-muted-foreground">
          This removes the problem with its votes and comments for good. Merging keeps the votes if
          it is a duplicate.
        </p>
        <div className="flex items-start gap-2">
          <input
            id="confirm-delete"
            type="checkbox"
            name="confirm"
            value="yes"
            required
            aria-invalid={errors ? true : undefined}
            aria-describedby={errors ? "confirm-delete-error" : undefined}
            className="mt-0.5 size-4 accent-destructive"
          />
          <label htmlFor="confirm-delete" className="text-sm">
            Yes, delete this problem permanently
          </label>
        </div>
        <FieldError id="confirm-delete-error" messages={errors} />
        <div>
          <SubmitButton size="sm" variant="destructive">
            Delete problem
          </SubmitButton>
        </div>
      </form>
    </details>
  );
}

/** Mark a member's comment as the official reply, or unpin it. */
export function PinCommentForm({
  commentId,
  pinned,
  ...target
}: ProblemTarget & { commentId: string; pinned: boolean }) {
  const [state, action] = useActionState(pinCommentAction, initialFormState);
  return (
    <form action={action} className="inline-grid gap-1">
      <TargetFields {...target} />
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="pinned" value={pinned ? "0" : "1"} />
      <SubmitButton size="sm" variant="ghost" className="h-7 px-2 text-muted-foreground">
        {pinned ? "Unpin" : "Mark as official reply"}
      </SubmitButton>
      <FormNote state={state} />
    </form>
  );
}
