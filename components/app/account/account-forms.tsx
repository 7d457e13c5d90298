"use client";

import { useActionState } from "react";
import {
  changeEmailAction,
  changePasswordAction,
  signOutOtherSessionsAction,
  updateNameAction,
} from "@/app/(app)/account/actions";
import { Field, FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";

/** The display name others see on problems and comments. */
export function NameForm({ name }: { name: string }) {
  const [state, action] = useActionState(updateNameAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <Field
        name="name"
        label="Name"
        autoComplete="name"
        maxLength={80}
        required
        state={{ ...state, values: { name: state.values?.name ?? name } }}
        hint="Shown with your problems and comments."
      />
      <div>
        <SubmitButton size="sm" variant="outline">
          Save name
        </SubmitButton>
      </div>
    </form>
  );
}

/** A new email address, used once the link sent to it is followed. */
export function EmailForm() {
  const [state, action] = useActionState(changeEmailAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <Field
        name="newEmail"
        label="New email address"
        type="email"
        autoComplete="email"
        maxLength={254}
        required
        state={state}
        hint="We'll send a link to it; your current address stays until you follow the link."
      />
      <div>
        <SubmitButton size="sm" variant="outline">
          Change email
        </SubmitButton>
      </div>
    </form>
  );
}

/** A new password, confirmed by the current one; other devices are signed out. */
export function PasswordForm({ email }: { email: string }) {
  const [state, action] = useActionState(changePasswordAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      {/* For password managers: whose password this is. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <Field
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        state={state}
      />
      <Field
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        state={state}
        hint="At least 10 characters; not a common password or your email address."
      />
      <div>
        <SubmitButton size="sm" variant="outline">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}

/** Sign out every other session; this one stays. The button shows while there are others. */
export function SignOutOthersForm({ others }: { others: number }) {
  const [state, action] = useActionState(signOutOtherSessionsAction, initialFormState);
  if (others === 0 && !state.success && !state.error) return null;
  return (
    <form action={action} className="grid basis-full gap-3">
      <FormMessage state={state} />
      {others > 0 ? (
        <div>
          <SubmitButton size="sm" variant="outline">
            Sign out other devices
          </SubmitButton>
        </div>
      ) : null}
    </form>
  );
}
