import { hasPermission } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { getBoardForViewerById } from "@/lib/boards/get-board-for-viewer";
import { consumeUsage } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { follows, problems, type Problem } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { assertNotBanned } from "@/lib/moderation/bans";
import { decideModeration } from "@/lib/moderation/decide-moderation";
import { parseInput } from "@/lib/validation";
import { problemInputSchema } from "./schemas";
import { invalidateBoards } from "@/lib/cache/tags";
import { recordAttachments } from "@/lib/attachments/record-attachments";
import {
  discardStaged,
  stageAttachments,
  type ImageUpload,
} from "@/lib/attachments/stage-attachments";

/**
 * Post a problem on a board. Anyone signed in who can see the board may post, unless banned
 * from the workspace; the board's moderation settings decide whether it publishes at once.
 * The author follows their problem.
 *
 * Images (at most 5) are checked, re-encoded and stored before the transaction, counted against
 * the storage quota inside it with their rows, and removed again when the post fails.
 */
export async function createProblem(
  principal: Principal,
  boardId: string,
  input: unknown,
  images: ImageUpload[] = [],
): Promise<Problem> {
  const { board, role } = await getBoardForViewerById(principal, boardId);
  const data = parseInput(problemInputSchema, input);
  if (board.archivedAt) throw new AppError("conflict", "This board is archived and read-only.");
  const staged = await stageAttachments(
    board.workspaceId,
    images,
    (index) => `Image ${index + 1} attached to “${data.title}”`,
  );
  const problem = await db
    .transaction(async (tx) => {
      if (!role) await assertNotBanned(board.workspaceId, principal.userId, tx);
      await consumeUsage(tx, board.workspaceId, "problems");
      const decision = await decideModeration(tx, {
        board,
        authorId: principal.userId,
        isMember: role !== null && hasPermission(role, "problem:create"),
        text: `${data.title}\n${data.body}`,
      });
      const [problem] = await tx
        .insert(problems)
        .values({
          id: createId("prb"),
          workspaceId: board.workspaceId,
          boardId: board.id,
          authorId: principal.userId,
          title: data.title,
          body: data.body,
          moderationState: decision.state,
          moderationReason: decision.reason,
        })
        .returning();
      await tx.insert(follows).values({ problemId: problem!.id, userId: principal.userId });
      await recordAttachments(
        tx,
        { workspaceId: board.workspaceId, problemId: problem!.id, uploaderId: principal.userId },
        staged,
      );
      return problem!;
    })
    .catch(async (error: unknown) => {
      await discardStaged(staged);
      throw error;
    });
  await invalidateBoards(board.id);
  return problem;
}
