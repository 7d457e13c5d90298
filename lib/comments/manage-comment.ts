import { and, eq, ne } from "drizzle-orm";
import { findMembership } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { comments, type Comment } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { loadComment } from "./load-comment";
import { commentUpdateSchema } from "./schemas";
import { invalidateBoards } from "@/lib/cache/tags";

/** Authors edit their own comments. */
export async function updateComment(
  principal: Principal,
  commentId: string,
  input: unknown,
): Promise<Comment> {
  const { comment, access } = await loadComment(principal, commentId);
  if (comment.authorId !== principal.userId || comment.deletedAt) {
    throw new AppError("forbidden", "You can only edit your own comments.");
  }
  const { body } = parseInput(commentUpdateSchema, input);
  const [updated] = await db
    .update(comments)
    .set({ body, editedAt: new Date() })
    .where(eq(comments.id, commentId))
    .returning();
  await invalidateBoards(access.board.id); // the problem's cached detail shows the text
  return updated!;
}

/** Authors delete their own comments; moderators delete any. Replies stay, under a placeholder. */
export async function deleteComment(principal: Principal, commentId: string): Promise<void> {
  const { comment, access } = await loadComment(principal, commentId);
  if (comment.authorId !== principal.userId && !access.canModerate) {
    throw new AppError("forbidden", "You can only delete your own comments.");
  }
  await db
    .update(comments)
    .set({ deletedAt: comment.deletedAt ?? new Date(), pinned: false })
    .where(eq(comments.id, commentId));
  await invalidateBoards(access.board.id);
}

/**
 * Pin a member's comment as the official reply (one per problem), or unpin it (members who
 * triage).
 */
export async function setPinned(
  principal: Principal,
  commentId: string,
  pinned: boolean,
): Promise<void> {
  const { comment, access } = await loadComment(principal, commentId);
  if (!access.canTriage) {
    throw new AppError(access.role ? "forbidden" : "not_found", "You can't pin comments here.");
  }
  if (pinned) {
    const author = comment.authorId
      ? await findMembership({ userId: comment.authorId }, access.workspace.id)
      : null;
    if (!author || comment.deletedAt || comment.moderationState !== "approved") {
      throw new AppError(
        "conflict",
        "Only a published comment by a team member can be the official reply.",
      );
    }
  }
  await db.transaction(async (tx) => {
    if (pinned) {
      await tx
        .update(comments)
        .set({ pinned: false })
        .where(and(eq(comments.problemId, comment.problemId), ne(comments.id, commentId)));
    }
    await tx.update(comments).set({ pinned }).where(eq(comments.id, commentId));
  });
  await invalidateBoards(access.board.id); // the problem's cached detail orders pinned first
}
