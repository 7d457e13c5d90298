import { z } from "zod";
import { idSchema, userText } from "@/lib/validation";

export const commentBodySchema = userText({
  required: "Write a comment.",
  min: 1,
  max: 10_000,
  multiline: true,
});

export const commentInputSchema = z.object({
  body: commentBodySchema,
  parentId: idSchema.optional(),
});

export const commentUpdateSchema = z.object({ body: commentBodySchema });
