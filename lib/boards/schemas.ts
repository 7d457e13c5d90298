import { z } from "zod";
import { BOARD_VISIBILITIES, MODERATION_MODES } from "@/lib/db/schema";

export const boardSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters.")
  .max(48, "Use at most 48 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens.");

export const boardInputSchema = z.object({
  name: z
    .string({ error: "Enter a board name." })
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(60, "Use at most 60 characters."),
  slug: boardSlugSchema.optional(),
  description: z.string().trim().max(500, "Use at most 500 characters.").default(""),
  guidelines: z.string().trim().max(2000, "Use at most 2,000 characters.").default(""),
  visibility: z.enum(BOARD_VISIBILITIES, { error: "Choose public or private." }).default("public"),
  moderationMode: z
    .enum(MODERATION_MODES, { error: "Choose how new submissions are published." })
    .default("hold_first"),
});

export const boardUpdateSchema = boardInputSchema.partial();

export type BoardInput = z.input<typeof boardInputSchema>;
