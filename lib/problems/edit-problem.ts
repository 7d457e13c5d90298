import { eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { problems, type Problem } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { decideModeration } from "@/lib/moderation/decide-moderation";
import { parseInput } from "@/lib/validation";
import { loadProblem } from "./load-problem";
import { problemUpdateSchema } from "./schemas";
import { invalidateBoardContent } from "@/lib/cache/tags";
import { releaseAttachmentsOf } from "@/lib/attachments/record-attachments";

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
  if (access.board.archivedAt)
    throw new AppError("conflict", "This board is archived and read-only.");
  const data = parseInput(problemUpdateSchema, input);
  const updated = await db.transaction(async (tx) => {
    // An author's edit gets the same content checks as a new post (links, blocked words).
    const decision = access.canTriage
      ? null
      : await decideModeration(tx, {
          board: access.board,
          authorId: principal.userId,
          isMember: false,
          edit: true,
          text: `${data.title ?? access.problem.title}\n${data.body ?? access.problem.body}`,
        });
    const held =
      decision?.state === "pending" && access.problem.moderationState === "approved"
        ? { moderationState: "pending" as const, moderationReason: decision.reason }
        : {};
    const [row] = await tx
      .update(problems)
      .set({ ...data, ...held })
      .where(eq(problems.id, problemId))
      .returning();
    return row!;
  });
  await invalidateBoardContent(access.board.id);
  return updated;
}

/** Delete a problem with its votes, comments and images (members who triage). */
export async function deleteProblem(principal: Principal, problemId: string): Promise<void> {
  const access = await loadProblem(principal, problemId);
  if (!access.canTriage) {
    throw new AppError(access.role ? "forbidden" : "not_found", "You can't delete this problem.");
  }
  await db.transaction(async (tx) => {
    // Its images: quota given back and files removed by a retried job, committed together.
    await releaseAttachmentsOf(tx, [problemId]);
    await tx.delete(problems).where(eq(problems.id, problemId));
  });
  await invalidateBoardContent(access.board.id);
}
