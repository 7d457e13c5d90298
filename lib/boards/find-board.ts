import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { boards, type Board } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validation";

/** A board of this workspace by id, or not_found (a board of another workspace is not found). */
export async function findBoard(workspaceId: string, boardId: string): Promise<Board> {
  if (!isId(boardId) || !isId(workspaceId)) throw new AppError("not_found", "Board not found.");
  const [board] = await db
    .select()
    .from(boards)
    .where(and(eq(boards.id, boardId), eq(boards.workspaceId, workspaceId)));
  if (!board) throw new AppError("not_found", "Board not found.");
  return board;
}
