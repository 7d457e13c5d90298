"use client";

import { useState } from "react";
import { Field } from "@/components/auth/form-parts";
import { RadioGroupField, type RadioOption } from "@/components/app/radio-group-field";
import { TextareaField } from "@/components/board/form-fields";
import type { FormState } from "@/lib/auth/form-state";

export interface BoardValues {
  name: string;
  slug: string;
  description: string;
  guidelines: string;
  visibility: string;
  moderationMode: string;
}

const VISIBILITY_OPTIONS: RadioOption[] = [
  {
    value: "public",
    label: "Public",
    description: "Anyone with the link can read it; signed-in people can post, vote and comment.",
  },
  {
    value: "private",
    label: "Private",
    description: "Only members of this workspace can see it or post on it.",
  },
];

const MODERATION_OPTIONS: RadioOption[] = [
  {
    value: "publish",
    label: "Publish immediately",
    description:
      "New problems and comments appear at once. Posts with blocked words or too many links are still held.",
  },
  {
    value: "hold_first",
    label: "Hold first posts from new authors (recommended)",
    description:
      "Someone's first post waits for your review; once you approve one, their later posts appear at once.",
  },
  {
    value: "hold_all",
    label: "Hold every submission",
    description: "Every problem and comment from outside your team waits for review.",
  },
];

/**
 * The fields shared by the create and settings forms. Submitted values win over the board's
 * own, so a form that comes back with errors keeps what was typed.
 */
export function BoardFields({
  state,
  board,
  workspaceSlug,
  editing = false,
}: {
  state: FormState;
  board: BoardValues;
  workspaceSlug: string;
  editing?: boolean;
}) {
  const value = (key: keyof BoardValues) => state.values?.[key] ?? board[key];
  const [slug, setSlug] = useState(value("slug"));
  const address = `/b/${workspaceSlug}/${slug.trim().toLowerCase() || "…"}`;
  const slugHint = editing
    ? `Public address: ${address}. Changing it breaks links to the old address.`
    : slug.trim()
      ? `Public address: ${address}`
      : `Public address: /b/${workspaceSlug}/… — leave blank to make one from the name.`;

  return (
    <>
      <Field
        name="name"
        label="Board name"
        state={state}
        defaultValue={value("name")}
        placeholder="Customer problems"
        maxLength={60}
        required
      />
      <Field
        name="slug"
        label={editing ? "Address" : "Address (optional)"}
        state={state}
        defaultValue={value("slug")}
        onChange={(event) => setSlug(event.target.value)}
        placeholder="customer-problems"
        hint={slugHint}
        maxLength={48}
        autoCapitalize="none"
        spellCheck={false}
        required={editing}
      />
      <TextareaField
        name="description"
        label="Description (optional)"
        state={state}
        defaultValue={value("description")}
        hint="One or two sentences at the top of the board."
        maxLength={500}
        rows={2}
      />
      <TextareaField
        name="guidelines"
        label="Posting guidelines (optional)"
        state={state}
        defaultValue={value("guidelines")}
        hint="What belongs on this board and what doesn't. People see it when they post."
        maxLength={2000}
        rows={5}
      />
      <RadioGroupField
        name="visibility"
        legend="Who can see it"
        options={VISIBILITY_OPTIONS}
        defaultValue={value("visibility")}
        state={state}
      />
      <RadioGroupField
        name="moderationMode"
        legend="New posts from people outside your team"
        options={MODERATION_OPTIONS}
        defaultValue={value("moderationMode")}
        state={state}
      />
    </>
  );
}
