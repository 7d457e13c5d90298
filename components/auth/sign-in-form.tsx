"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { magicLinkAction, signInAction } from "@/app/(auth)/actions";
import { initialFormState } from "@/lib/auth/form-state";
import { Field, FormMessage, SubmitButton } from "./form-parts";

/**
 * One email field, two ways to continue: with the password, or with a one-time link by email
 * (its button submits the same form to the magic-link action and ignores the password).
 */
export function SignInForm({ next }: { next?: string }) {
  const [passwordState, signIn] = useActionState(signInAction, initialFormState);
  const [linkState, sendLink] = useActionState(magicLinkAction, initialFormState);
  const [way, setWay] = useState<"password" | "link">("password");
  const state = way === "link" ? linkState : passwordState;
  return (
    <form action={signIn} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field name="email" label="Email" state={state} type="email" autoComplete="email" required />
      <Field
        name="password"
        label="Password"
        state={way === "password" ? passwordState : initialFormState}
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
      <SubmitButton className="w-full" onClick={() => setWay("password")}>
        Sign in
      </SubmitButton>
      <div className="flex items-center gap-3 text-xs text-muted-foreground">
        <span aria-hidden="true" className="h-px flex-1 bg-border" />
        or, without a password
        <span aria-hidden="true" className="h-px flex-1 bg-border" />
      </div>
      <SubmitButton
        variant="outline"
        className="w-full"
        formAction={sendLink}
        onClick={() => setWay("link")}
      >
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
