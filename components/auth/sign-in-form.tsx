"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signInOrSendLinkAction } from "@/app/(auth)/actions";
import { initialFormState } from "@/lib/auth/form-state";
import { Field, FormMessage, SubmitButton } from "./form-parts";

/**
 * One email field, two ways to continue: with the password ("Sign in"), or with a one-time link
 * by email, which ignores the password. The pressed button's `way` tells the action which.
 */
export function SignInForm({ next }: { next?: string }) {
  const [state, action] = useActionState(signInOrSendLinkAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field name="email" label="Email" state={state} type="email" autoComplete="email" required />
      <Field
        name="password"
        label="Password"
        state={state}
        type="password"
        autoComplete="current-password"
      />
      <div className="-mt-2 text-right text-sm">
        <Link
          href="/forgot-password"
          className="text-muted-foreground underline-offset-4 hover:underline"
        >
          Forgot your password?
        </Link>
      </div>
      <SubmitButton className="w-full" name="way" value="password">
        Sign in
      </SubmitButton>
      <div className="flex items-center gap-3 text-xs text-muted-foreground">
        <span aria-hidden="true" className="h-px flex-1 bg-border" />
        or, without a password
        <span aria-hidden="true" className="h-px flex-1 bg-border" />
      </div>
      <SubmitButton variant="outline" className="w-full" name="way" value="link">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
