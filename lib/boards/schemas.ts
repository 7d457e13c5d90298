import { z } from "zod";
import { AppError } from "@/lib/errors";
import { BOARD_VISIBILITIES, MODERATION_MODES } from "@/lib/db/schema";
import { userText } from "@/lib/validation";

export const boardSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters.")
  .max(48, "Use at most 48 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens.");

const boardFields = {
  name: userText({ required: "Enter a board name.", min: 2, max: 60 }),
  slug: boardSlugSchema.optional(),
  description: userText({ max: 500, multiline: true }),
  guidelines: userText({ max: 2000, multiline: true }),
  visibility: z.enum(BOARD_VISIBILITIES, { error: "Choose public or private." }),
  moderationMode: z.enum(MODERATION_MODES, {
    error: "Choose how new submissions are published.",
  }),
};

export const boardInputSchema = z.object({
  ...boardFields,
  description: boardFields.description.default(""),
  guidelines: boardFields.guidelines.default(""),
  visibility: boardFields.visibility.default("public"),
  moderationMode: boardFields.moderationMode.default("hold_first"),
});

/** Only the fields given change (no defaults: a rename must not reset the settings). */
export const boardUpdateSchema = z.object(boardFields).partial();

export type BoardInput = z.input<typeof boardInputSchema>;

export function slugTaken(slug: string): AppError {
  return new AppError("conflict", "A board with that address exists.", {
    slug: [`This workspace already has a board at "${slug}". Choose another address.`],
  });
}

/** Postgres unique_violation, as postgres.js reports it (possibly wrapped by Drizzle). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
