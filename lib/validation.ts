import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parse input with a zod schema; a failure becomes AppError("validation_failed") by field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new AppError("validation_failed", "Check the highlighted fields.", fieldErrors);
}
