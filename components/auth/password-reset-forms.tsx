"use client";

import { useActionState } from "react";
import {
  forgotPasswordAction,
  resendVerificationAction,
  resetPasswordAction,
} from "@/app/(auth)/actions";
import { initialFormState } from "@/lib/auth/form-state";
import { Field, FormMessage, SubmitButton } from "./form-parts";

export function ForgotPasswordForm() {
  const [state, action] = useActionState(forgotPasswordAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <Field name="email" label="Email" state={state} type="email" autoComplete="email" required />
      <SubmitButton className="w-full">Send reset link</SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <Field
        name="password"
        label="New password"
        state={state}
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
      />
      <Field
        name="confirm"
        label="Repeat the new password"
        state={state}
        type="password"
        autoComplete="new-password"
        required
      />
      <SubmitButton className="w-full">Set new password</SubmitButton>
    </form>
  );
}

export function ResendVerificationForm({ email }: { email?: string }) {
  const [state, action] = useActionState(resendVerificationAction, {
    values: email ? { email } : undefined,
  });
  return (
    <form action={action} className="grid gap-3" noValidate>
      <FormMessage state={state} />
      <Field name="email" label="Email" state={state} type="email" autoComplete="email" required />
      <SubmitButton variant="outline" className="w-full">
        Send a new link
      </SubmitButton>
    </form>
  );
}
