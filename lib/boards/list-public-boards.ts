import { and, eq, isNull, max, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { boards, problems, workspaces } from "@/lib/db/schema";

export interface PublicBoardEntry {
  workspaceSlug: string;
  boardSlug: string;
  /** When the board or any of its published problems last changed. */
  updatedAt: Date;
}

/**
 * Every board anyone may read (public, not archived), for the sitemap: what a visitor could
 * reach by following links, and nothing more. No principal: it reveals only public boards.
 */
export async function listPublicBoards(limit = 50_000): Promise<PublicBoardEntry[]> {
  const rows = await db
    .select({
      workspaceSlug: workspaces.slug,
      boardSlug: boards.slug,
      boardUpdatedAt: boards.updatedAt,
      problemUpdatedAt: max(problems.updatedAt),
    })
    .from(boards)
    .innerJoin(workspaces, eq(workspaces.id, boards.workspaceId))
    .leftJoin(
      problems,
      and(eq(problems.boardId, boards.id), sql`${problems.moderationState} = 'approved'`),
    )
    .where(and(eq(boards.visibility, "public"), isNull(boards.archivedAt)))
    .groupBy(workspaces.slug, boards.slug, boards.updatedAt)
    .orderBy(workspaces.slug, boards.slug)
    .limit(limit);
  return rows.map((row) => ({
    workspaceSlug: row.workspaceSlug,
    boardSlug: row.boardSlug,
    updatedAt:
      row.problemUpdatedAt && row.problemUpdatedAt > row.boardUpdatedAt
        ? row.problemUpdatedAt
        : row.boardUpdatedAt,
  }));
}
