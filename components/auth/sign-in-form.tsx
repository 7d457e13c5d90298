"use client";

import Link from "next/link";
import { useActionState } from "react";
import { magicLinkAction, signInAction } from "@/app/(auth)/actions";
import { initialFormState } from "@/lib/auth/form-state";
import { Field, FormMessage, SubmitButton } from "./form-parts";

export function SignInForm({ next }: { next?: string }) {
  const [state, action] = useActionState(signInAction, initialFormState);
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
        required
      />
      <div className="-mt-2 text-right text-sm">
        <Link
          href="/forgot-password"
          className="text-muted-foreground underline-offset-4 hover:underline"
        >
          Forgot your password?
        </Link>
      </div>
      <SubmitButton className="w-full">Sign in</SubmitButton>
    </form>
  );
}

export function MagicLinkForm({ next }: { next?: string }) {
  const [state, action] = useActionState(magicLinkAction, initialFormState);
  return (
    <form action={action} className="grid gap-3" noValidate>
      <FormMessage state={state} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field
        name="email"
        label="Email me a sign-in link"
        state={state}
        type="email"
        autoComplete="email"
        required
      />
      <SubmitButton variant="outline" className="w-full">
        Send sign-in link
      </SubmitButton>
    </form>
  );
}
