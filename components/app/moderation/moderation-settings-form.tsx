"use client";

import { useActionState } from "react";
import { updateModerationSettingsAction } from "@/app/(app)/w/[workspace]/moderation/actions";
import { TextareaField } from "@/components/board/form-fields";
import { Field, FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";

export interface ModerationSettingsValues {
  blockedWords: string[];
  maxLinks: number;
  flagThreshold: number;
}

/** Blocked words, link limit and report threshold for every board of the workspace. */
export function ModerationSettingsForm({
  workspaceId,
  settings,
}: {
  workspaceId: string;
  settings: ModerationSettingsValues;
}) {
  const [state, action] = useActionState(updateModerationSettingsAction, initialFormState);
  const value = (key: keyof ModerationSettingsValues, saved: string) =>
    state.values?.[key] ?? saved;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <FormMessage state={state} />
      <TextareaField
        name="blockedWords"
        label="Blocked words"
        state={state}
        defaultValue={value("blockedWords", settings.blockedWords.join("\n"))}
        hint="One word or phrase per line, or separate them with commas. Matched as whole words, ignoring case. Posts that contain one wait for review."
        rows={6}
        spellCheck={false}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="maxLinks"
          label="Most links in a post"
          type="number"
          inputMode="numeric"
          min={0}
          max={50}
          state={state}
          defaultValue={value("maxLinks", String(settings.maxLinks))}
          hint="Posts with more links wait for review."
        />
        <Field
          name="flagThreshold"
          label="Reports before hiding"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          state={state}
          defaultValue={value("flagThreshold", String(settings.flagThreshold))}
          hint="Published posts with this many reports are hidden until reviewed."
        />
      </div>
      <div>
        <SubmitButton>Save settings</SubmitButton>
      </div>
    </form>
  );
}
