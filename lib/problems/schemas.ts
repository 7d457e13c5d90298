import { z } from "zod";
import { PROBLEM_STATUSES } from "@/lib/db/schema";
import { userText } from "@/lib/validation";

export const problemTitleSchema = userText({ required: "Enter a title.", min: 5, max: 140 });

export const markdownBodySchema = userText({
  required: "Describe the problem.",
  min: 1,
  max: 10_000,
  multiline: true,
});

export const problemInputSchema = z.object({
  title: problemTitleSchema,
  body: markdownBodySchema,
});

export const problemUpdateSchema = problemInputSchema.partial();

export const statusChangeSchema = z.object({
  status: z.enum(PROBLEM_STATUSES, {
    error: `Choose one of: ${PROBLEM_STATUSES.join(", ")}.`,
  }),
  note: userText({ max: 2_000, multiline: true }).optional(),
});

export const PROBLEM_SORTS = ["top", "new", "trending"] as const;
export type ProblemSort = (typeof PROBLEM_SORTS)[number];

export const listProblemsSchema = z.object({
  sort: z.enum(PROBLEM_SORTS, { error: "Sort by top, new or trending." }).default("top"),
  status: z
    .enum([...PROBLEM_STATUSES, "all", "active"], { error: "Unknown status filter." })
    .default("active"),
  q: userText({ max: 200 }).optional(),
  /** Opaque (base64url JSON, lib/problems/list-problems.ts), checked fully when decoded. */
  cursor: z
    .string()
    .max(500)
    .regex(/^[A-Za-z0-9_-]*$/, "Invalid cursor. Start again from the first page.")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type ListProblemsInput = z.input<typeof listProblemsSchema>;

export const STATUS_LABELS: Record<(typeof PROBLEM_STATUSES)[number], string> = {
  open: "Open",
  under_review: "Under review",
  planned: "Planned",
  in_progress: "In progress",
  solved: "Solved",
  closed: "Closed",
};
