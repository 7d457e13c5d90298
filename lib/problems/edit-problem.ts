import { eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { problems, type Problem } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { loadProblem } from "./load-problem";
import { problemUpdateSchema } from "./schemas";

/** Authors may edit their own problem for an hour after posting; members who triage, always. */
export const AUTHOR_EDIT_WINDOW_MS = 60 * 60 * 1000;

export async function updateProblem(
  principal: Principal,
  problemId: string,
  input: unknown,
): Promise<Problem> {
  const access = await loadProblem(principal, problemId);
  const authorMayEdit =
    access.isAuthor && Date.now() - access.problem.createdAt.getTime() < AUTHOR_EDIT_WINDOW_MS;
  if (!access.canTriage && !authorMayEdit) {
    throw new AppError(
      "forbidden",
      access.isAuthor
        ? "You can edit a problem for one hour after posting it."
        : "You can't edit this problem.",
    );
  }
  const data = parseInput(problemUpdateSchema, input);
  const [updated] = await db
    .update(problems)
    .set(data)
    .where(eq(problems.id, problemId))
    .returning();
  return updated!;
}

/** Delete a problem with its votes and comments (members who triage). */
export async function deleteProblem(principal: Principal, problemId: string): Promise<void> {
  const access = await loadProblem(principal, problemId);
  if (!access.canTriage) {
    throw new AppError(access.role ? "forbidden" : "not_found", "You can't delete this problem.");
  }
  await db.delete(problems).where(eq(problems.id, problemId));
}
