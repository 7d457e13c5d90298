"use client";

import { useActionState } from "react";
import { createWorkspaceAction } from "@/app/(app)/actions";
import { Field, FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";

export function CreateWorkspaceForm() {
  const [state, action] = useActionState(createWorkspaceAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <Field name="name" label="Workspace name" state={state} placeholder="Acme Inc" required />
      <SubmitButton>Create workspace</SubmitButton>
    </form>
  );
}
