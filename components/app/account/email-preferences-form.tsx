"use client";

import { useActionState } from "react";
import { updateEmailPreferencesAction } from "@/app/(app)/account/actions";
import { FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";

/** The one notification choice: status-change emails for problems the user follows. */
export function EmailPreferencesForm({ notifications }: { notifications: boolean }) {
  const [state, action] = useActionState(updateEmailPreferencesAction, initialFormState);
  // After a save, show what was saved (the form resets to its defaults once the action returns).
  const checked = state.values ? state.values.notifications === "on" : notifications;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <div className="flex items-start gap-2">
        <input
          key={String(checked)}
          id="notifications"
          type="checkbox"
          name="notifications"
          defaultChecked={checked}
          aria-describedby="notifications-hint"
          className="mt-0.5 size-4 accent-primary"
        />
        <div className="grid gap-1">
          <label htmlFor="notifications" className="text-sm font-medium">
            Email me when a problem I follow changes status
          </label>
          <p id="notifications-hint" className="text-xs text-muted-foreground">
            You follow the problems you post or comment on, and any you follow yourself.
          </p>
        </div>
      </div>
      <div>
        <SubmitButton size="sm" variant="outline">
          Save email preferences
        </SubmitButton>
      </div>
    </form>
  );
}
