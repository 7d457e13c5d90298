import { z } from "zod";

export const commentBodySchema = z
  .string({ error: "Write a comment." })
  .trim()
  .min(1, "Write a comment.")
  .max(10_000, "Use at most 10,000 characters.");

export const commentInputSchema = z.object({
  body: commentBodySchema,
  parentId: z.string().trim().min(1).max(64).optional(),
});

export const commentUpdateSchema = z.object({ body: commentBodySchema });
