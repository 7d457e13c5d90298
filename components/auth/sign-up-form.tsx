"use client";

import { useActionState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import { initialFormState } from "@/lib/auth/form-state";
import { Field, FormMessage, SubmitButton } from "./form-parts";

/**
 * `next`: where to land after verifying the email (a same-site path). `email`: prefilled, for
 * someone who followed an invitation sent to it.
 */
export function SignUpForm({ next, email }: { next?: string; email?: string }) {
  const [state, action] = useActionState(
    signUpAction,
    email ? { values: { email } } : initialFormState,
  );
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field name="name" label="Your name" state={state} autoComplete="name" required />
      <Field
        name="email"
        label="Work email"
        state={state}
        type="email"
        autoComplete="email"
        required
      />
      <Field
        name="password"
        label="Password"
        state={state}
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters. A few words together make a strong one."
        required
      />
      <SubmitButton className="w-full">Create account</SubmitButton>
    </form>
  );
}
