"use client";

import { useActionState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import { initialFormState } from "@/lib/auth/form-state";
import { Field, FormMessage, SubmitButton } from "./form-parts";

export function SignUpForm() {
  const [state, action] = useActionState(signUpAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
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
