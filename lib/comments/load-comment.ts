import { eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { comments, type Comment } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validation";
import { loadProblem, type ProblemAccess } from "@/lib/problems/load-problem";

/** A comment with its problem's access, as the viewer may see it. */
export async function loadComment(
  viewer: Principal | null,
  commentId: string,
): Promise<{ comment: Comment; access: ProblemAccess }> {
  if (!isId(commentId)) throw new AppError("not_found", "Comment not found.");
  const [comment] = await db.select().from(comments).where(eq(comments.id, commentId));
  if (!comment) throw new AppError("not_found", "Comment not found.");
  const access = await loadProblem(viewer, comment.problemId);
  const visible =
    comment.moderationState === "approved" ||
    access.canModerate ||
    (viewer && comment.authorId === viewer.userId);
  if (!visible) throw new AppError("not_found", "Comment not found.");
  return { comment, access };
}
