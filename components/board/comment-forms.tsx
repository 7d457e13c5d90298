"use client";

import { useActionState } from "react";
import { deleteCommentAction, editCommentAction, postCommentAction } from "@/app/b/actions";
import { FormNote } from "@/components/app/members/form-note";
import { FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";
import { MARKDOWN_HINT, TextareaField } from "./form-fields";
import { useLatestResult } from "./use-latest-result";

interface CommentFormProps {
  problemId: string;
  returnTo: string;
  /** Set for a reply to a top-level comment. */
  parentId?: string;
  /** Unique on the page (several reply forms can be open). */
  id: string;
  label: string;
  submitLabel: string;
}

/** A new comment, or a reply. The textarea clears once it is posted. */
export function CommentForm({
  problemId,
  returnTo,
  parentId,
  id,
  label,
  submitLabel,
}: CommentFormProps) {
  const [answer, action] = useActionState(postCommentAction, initialFormState);
  const state = useLatestResult(answer);
  return (
    <form action={action} className="grid gap-3" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="problemId" value={problemId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <TextareaField
        name="body"
        id={id}
        label={label}
        state={state}
        rows={parentId ? 3 : 4}
        hint={MARKDOWN_HINT}
        maxLength={10_000}
        required
      />
      <div>
        <SubmitButton size="sm">{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}

interface CommentTarget {
  commentId: string;
  problemId: string;
  returnTo: string;
}

function TargetFields({ commentId, problemId, returnTo }: CommentTarget) {
  return (
    <>
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="problemId" value={problemId} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </>
  );
}

/** Edit one's own comment. */
export function EditCommentForm({ body, ...target }: CommentTarget & { body: string }) {
  const [answer, action] = useActionState(editCommentAction, initialFormState);
  const state = useLatestResult(answer);
  return (
    <form action={action} className="grid gap-3" noValidate>
      <TargetFields {...target} />
      <TextareaField
        name="body"
        id={`edit-${target.commentId}`}
        label="Edit your comment"
        state={state}
        defaultValue={body}
        rows={3}
        maxLength={10_000}
        required
      />
      <div className="flex items-center gap-3">
        <SubmitButton size="sm">Save</SubmitButton>
        <FormNote state={state} />
      </div>
    </form>
  );
}

/** Delete a comment; asks first when JavaScript runs, and submits directly without it. */
export function DeleteCommentForm(target: CommentTarget) {
  const [answer, action] = useActionState(deleteCommentAction, initialFormState);
  const state = useLatestResult(answer);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm("Delete this comment? Replies to it stay.")) event.preventDefault();
      }}
      className="inline-grid gap-1"
    >
      <TargetFields {...target} />
      <SubmitButton size="sm" variant="ghost" className="h-7 px-2 text-muted-foreground">
        Delete
      </SubmitButton>
      <FormNote state={state} />
    </form>
  );
}
