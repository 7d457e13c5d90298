import { and, eq } from "drizzle-orm";
import { findMembership } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { boards, workspaces, type Board } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId, isSlug } from "@/lib/validation";
import { isBanned } from "@/lib/moderation/bans";

export interface BoardForViewer {
  board: Board;
  workspace: { id: string; slug: string; name: string };
  /** The viewer's role in the workspace, or null for visitors and customers. */
  role: Role | null;
  banned: boolean;
}

/**
 * A board as a given viewer (signed in or not) may see it. Private boards are invisible to
 * anyone outside the workspace: they get not_found, exactly like a board that does not exist.
 */
export async function getBoardForViewer(
  viewer: Principal | null,
  workspaceSlug: string,
  boardSlug: string,
): Promise<BoardForViewer> {
  // Path segments: anything that can't be an address (`%00`, …) is simply not found.
  if (!isSlug(workspaceSlug) || !isSlug(boardSlug)) {
    throw new AppError("not_found", "Board not found.");
  }
  const [row] = await db
    .select({
      board: boards,
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name },
    })
    .from(boards)
    .innerJoin(workspaces, eq(workspaces.id, boards.workspaceId))
    .where(and(eq(workspaces.slug, workspaceSlug), eq(boards.slug, boardSlug)));
  if (!row) throw new AppError("not_found", "Board not found.");
  return resolveViewer(viewer, row.board, row.workspace);
}

/** The same for a board id (server actions and the API address boards by id). */
export async function getBoardForViewerById(
  viewer: Principal | null,
  boardId: string,
): Promise<BoardForViewer> {
  if (!isId(boardId)) throw new AppError("not_found", "Board not found.");
  const [row] = await db
    .select({
      board: boards,
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name },
    })
    .from(boards)
    .innerJoin(workspaces, eq(workspaces.id, boards.workspaceId))
    .where(eq(boards.id, boardId));
  if (!row) throw new AppError("not_found", "Board not found.");
  return resolveViewer(viewer, row.board, row.workspace);
}

/**
 * Refuses a board the viewer may not see, as `getBoardForViewerById` would (not_found for an
 * unknown board, and for a private one unless the viewer is a member), without loading anything
 * else: for reads that need only the check (`listProblems`). One query for a public board.
 */
export async function assertBoardVisible(viewer: Principal | null, boardId: string): Promise<void> {
  const [row] = await db
    .select({ visibility: boards.visibility, workspaceId: boards.workspaceId })
    .from(boards)
    .where(eq(boards.id, boardId));
  const visible =
    row !== undefined &&
    (row.visibility !== "private" ||
      (viewer !== null && (await findMembership(viewer, row.workspaceId)) !== null));
  if (!visible) throw new AppError("not_found", "Board not found.");
}

async function resolveViewer(
  viewer: Principal | null,
  board: Board,
  workspace: BoardForViewer["workspace"],
): Promise<BoardForViewer> {
  const membership = viewer ? await findMembership(viewer, workspace.id) : null;
  if (board.visibility === "private" && !membership) {
    throw new AppError("not_found", "Board not found.");
  }
  const banned = viewer && !membership ? await isBanned(workspace.id, viewer.userId) : false;
  return { board, workspace, role: membership?.role ?? null, banned };
}
