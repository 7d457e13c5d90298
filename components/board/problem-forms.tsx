"use client";

import { useActionState } from "react";
import { editProblemAction, postProblemAction } from "@/app/b/actions";
import { Field, FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";
import { MARKDOWN_HINT, TextareaField } from "./form-fields";
import { ImagePicker } from "./image-picker";

/** Post a problem on a board: goes to the new problem, or says it awaits a moderator. */
export function PostProblemForm({ boardId, returnTo }: { boardId: string; returnTo: string }) {
  const [state, action] = useActionState(postProblemAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="boardId" value={boardId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <Field
        name="title"
        label="Title"
        state={state}
        placeholder="What gets in your way?"
        hint="Describe the problem, not a solution."
        maxLength={140}
        required
      />
      <TextareaField
        name="body"
        label="Details"
        state={state}
        rows={5}
        placeholder="What were you trying to do, what happened, and how often?"
        hint={MARKDOWN_HINT}
        maxLength={10_000}
        required
      />
      <ImagePicker state={state} />
      <SubmitButton className="w-full">Post problem</SubmitButton>
    </form>
  );
}

interface EditProblemFormProps {
  problemId: string;
  returnTo: string;
  title: string;
  body: string;
}

/** Edit a problem's title and body (its author within the hour, or the team). */
export function EditProblemForm({ problemId, returnTo, title, body }: EditProblemFormProps) {
  const [state, action] = useActionState(editProblemAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="problemId" value={problemId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <Field
        name="title"
        label="Title"
        state={state}
        defaultValue={state.values?.title ?? title}
        maxLength={140}
        required
      />
      <TextareaField
        name="body"
        id="edit-body"
        label="Details"
        state={state}
        defaultValue={body}
        rows={8}
        hint={MARKDOWN_HINT}
        maxLength={10_000}
        required
      />
      <div>
        <SubmitButton size="sm">Save changes</SubmitButton>
      </div>
    </form>
  );
}

/** The edit form, collapsed under "Edit problem". */
export function EditProblemDisclosure({
  authorWindow,
  ...props
}: EditProblemFormProps & { authorWindow: boolean }) {
  return (
    <details className="rounded-lg border px-4 py-3">
      <summary className="cursor-pointer rounded-sm text-sm font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
        Edit problem
        {authorWindow ? (
          <span className="font-normal text-muted-foreground"> (for an hour after posting)</span>
        ) : null}
      </summary>
      <div className="mt-4">
        <EditProblemForm {...props} />
      </div>
    </details>
  );
}
