import { and, eq } from "drizzle-orm";
import { hasPermission } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { comments, follows, type Comment } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { assertNotBanned } from "@/lib/moderation/bans";
import { decideModeration } from "@/lib/moderation/decide-moderation";
import { assertInteractive, loadProblem } from "@/lib/problems/load-problem";
import { parseInput } from "@/lib/validation";
import { commentInputSchema } from "./schemas";
import { invalidateBoards } from "@/lib/cache/tags";

/**
 * Comment on a published, open problem, or reply to a top-level comment on it (one level of
 * threading). Moderation rules are the board's, as for problems. The commenter follows the
 * problem.
 */
export async function createComment(
  principal: Principal,
  problemId: string,
  input: unknown,
): Promise<Comment> {
  const access = await loadProblem(principal, problemId);
  assertInteractive(access, "comment on");
  if (access.problem.status === "closed") {
    throw new AppError("conflict", "This problem is closed to new comments.");
  }
  const data = parseInput(commentInputSchema, input);
  const comment = await db.transaction(async (tx) => {
    if (!access.role) await assertNotBanned(access.workspace.id, principal.userId, tx);
    if (data.parentId) {
      const [parent] = await tx
        .select({
          parentId: comments.parentId,
          deletedAt: comments.deletedAt,
          state: comments.moderationState,
        })
        .from(comments)
        .where(and(eq(comments.id, data.parentId), eq(comments.problemId, problemId)));
      if (!parent || parent.deletedAt || parent.state !== "approved") {
        throw new AppError("validation_failed", "That comment can't be replied to.", {
          parentId: ["The comment you replied to is gone."],
        });
      }
      if (parent.parentId) {
        throw new AppError("validation_failed", "Replies go one level deep.", {
          parentId: ["Reply to the top-level comment instead."],
        });
      }
    }
    const decision = await decideModeration(tx, {
      board: access.board,
      authorId: principal.userId,
      isMember: access.role !== null && hasPermission(access.role, "comment:create"),
      text: data.body,
    });
    const [inserted] = await tx
      .insert(comments)
      .values({
        id: createId("cmt"),
        workspaceId: access.workspace.id,
        problemId,
        parentId: data.parentId ?? null,
        authorId: principal.userId,
        body: data.body,
        moderationState: decision.state,
        moderationReason: decision.reason,
      })
      .returning();
    await tx.insert(follows).values({ problemId, userId: principal.userId }).onConflictDoNothing();
    return inserted!;
  });
  await invalidateBoards(access.board.id);
  return comment;
}
