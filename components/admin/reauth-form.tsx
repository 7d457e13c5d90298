"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { initialFormState, type FormState } from "@/lib/auth/form-state";

type ReauthAction = (state: FormState, form: FormData) => Promise<FormState>;

/**
 * "Confirm it's you": the admin re-enters their password so sensitive console actions
 * (impersonation, refunds, deletion) are open for the next 15 minutes.
 */
export function ReauthForm({ action, id = "reauth" }: { action: ReauthAction; id?: string }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="grid max-w-sm gap-3" noValidate>
      <FormMessage state={state} />
      <Field
        id={`${id}-password`}
        name="password"
        type="password"
        label="Your password"
        autoComplete="current-password"
        required
        state={state}
      />
      <div>
        <SubmitButton size="sm">Confirm it’s you</SubmitButton>
      </div>
    </form>
  );
}
