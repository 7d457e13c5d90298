import { z } from "zod";
import { PROBLEM_STATUSES } from "@/lib/db/schema";

export const problemTitleSchema = z
  .string({ error: "Enter a title." })
  .trim()
  .min(5, "Use at least 5 characters.")
  .max(140, "Use at most 140 characters.");

export const markdownBodySchema = z
  .string({ error: "Describe the problem." })
  .trim()
  .min(1, "Describe the problem.")
  .max(10_000, "Use at most 10,000 characters.");

export const problemInputSchema = z.object({
  title: problemTitleSchema,
  body: markdownBodySchema,
});

export const problemUpdateSchema = problemInputSchema.partial();

export const statusChangeSchema = z.object({
  status: z.enum(PROBLEM_STATUSES, {
    error: `Choose one of: ${PROBLEM_STATUSES.join(", ")}.`,
  }),
  note: z.string().trim().max(2_000, "Use at most 2,000 characters.").optional(),
});

export const PROBLEM_SORTS = ["top", "new", "trending"] as const;
export type ProblemSort = (typeof PROBLEM_SORTS)[number];

export const listProblemsSchema = z.object({
  sort: z.enum(PROBLEM_SORTS, { error: "Sort by top, new or trending." }).default("top"),
  status: z
    .enum([...PROBLEM_STATUSES, "all", "active"], { error: "Unknown status filter." })
    .default("active"),
  q: z.string().trim().max(200, "Use at most 200 characters.").optional(),
  cursor: z.string().max(500).optional(),
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
