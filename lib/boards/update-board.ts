import { and, eq, ne } from "drizzle-orm";
import { describeChanges } from "@/lib/audit/changes";
import { actorOf, recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { boards, problems, type Board } from "@/lib/db/schema";
import { releaseAttachmentsOf } from "@/lib/attachments/record-attachments";
import { parseInput } from "@/lib/validation";
import { findBoard } from "./find-board";
import { boardUpdateSchema, isUniqueViolation, slugTaken } from "./schemas";
import { boardAddresses, invalidateBoardContent, invalidateMovedBoard } from "@/lib/cache/tags";

/** Rename a board or change its settings (owners and admins). */
export async function updateBoard(
  principal: Principal,
  workspaceId: string,
  boardId: string,
  input: unknown,
): Promise<Board> {
  await requirePermission(principal, workspaceId, "board:update");
  const board = await findBoard(workspaceId, boardId);
  const data = parseInput(boardUpdateSchema, input);
  if (data.slug && data.slug !== board.slug) {
    const [taken] = await db
      .select({ id: boards.id })
      .from(boards)
      .where(
        and(
          eq(boards.workspaceId, workspaceId),
          eq(boards.slug, data.slug),
          ne(boards.id, board.id),
        ),
      );
    if (taken) throw slugTaken(data.slug);
  }
  const moving = data.slug !== undefined && data.slug !== board.slug;
  const previous = moving ? await boardAddresses(board.id) : [];
  try {
    const [updated] = await db.transaction(async (tx) => {
      const rows = await tx
        .update(boards)
        .set(data)
        .where(and(eq(boards.id, board.id), eq(boards.workspaceId, workspaceId)))
        .returning();
      await recordAudit(tx, {
        workspaceId,
        actor: actorOf(principal),
        action: "board.updated",
        target: { type: "board", id: board.id },
        metadata: describeChanges(board, data, ["description", "guidelines"]),
      });
      return rows;
    });
    await (moving ? invalidateMovedBoard(board.id, previous) : invalidateBoardContent(board.id));
    return updated!;
  } catch (error) {
    if (isUniqueViolation(error) && data.slug) throw slugTaken(data.slug);
    throw error;
  }
}

/** Archive (read-only, hidden from lists) or restore a board (owners and admins). */
export async function setBoardArchived(
  principal: Principal,
  workspaceId: string,
  boardId: string,
  archived: boolean,
): Promise<Board> {
  await requirePermission(principal, workspaceId, "board:update");
  const board = await findBoard(workspaceId, boardId);
  const [updated] = await db.transaction(async (tx) => {
    const rows = await tx
      .update(boards)
      .set({ archivedAt: archived ? (board.archivedAt ?? new Date()) : null })
      .where(and(eq(boards.id, board.id), eq(boards.workspaceId, workspaceId)))
      .returning();
    await recordAudit(tx, {
      workspaceId,
      actor: actorOf(principal),
      action: archived ? "board.archived" : "board.restored",
      target: { type: "board", id: board.id },
    });
    return rows;
  });
  await invalidateBoardContent(board.id);
  return updated!;
}

/** Delete a board and everything posted on it, images included (owners and admins). */
export async function deleteBoard(
  principal: Principal,
  workspaceId: string,
  boardId: string,
): Promise<void> {
  await requirePermission(principal, workspaceId, "board:delete");
  const board = await findBoard(workspaceId, boardId);
  const previous = await boardAddresses(board.id);
  await db.transaction(async (tx) => {
    // Images posted on the board: quota back, files removed by a retried job (same commit).
    const posted = await tx
      .select({ id: problems.id })
      .from(problems)
      .where(eq(problems.boardId, board.id));
    await releaseAttachmentsOf(
      tx,
      posted.map((p) => p.id),
    );
    await tx
      .delete(boards)
      .where(and(eq(boards.id, board.id), eq(boards.workspaceId, workspaceId)));
    await recordAudit(tx, {
      workspaceId,
      actor: actorOf(principal),
      action: "board.deleted",
      target: { type: "board", id: board.id },
      metadata: { name: board.name, slug: board.slug },
    });
  });
  await invalidateMovedBoard(board.id, previous);
}
