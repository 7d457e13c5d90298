import { eq, inArray, type SQL } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { boards, workspaces } from "@/lib/db/schema";
import { dropCopy, invalidate } from "./cached";

/**
 * Cache tags of the product core. Public problem lists carry both: a board's tag changes with
 * anything that changes what the board shows (posts, votes, comments, status, board settings);
 * a workspace's tag changes with moderation that can touch many boards at once (spam cascades,
 * bans, reports that hide content). The same writes also revalidate the boards' cached pages for
 * signed-out visitors (app/b/[workspace]/[board]/cached).
 */
export const boardTag = (boardId: string) => `board:${boardId}`;
export const workspaceTag = (workspaceId: string) => `workspace:${workspaceId}`;
/** One problem's detail (lib/problems/get-problem-detail.ts), beside its board and workspace. */
export const problemTag = (problemId: string) => `problem:${problemId}`;
/**
 * A user's memberships and remembered workspace (lib/workspaces/get-current-workspace.ts):
 * invalidated after switching, joining, creating, leaving or being removed, and role changes.
 */
export const userTag = (userId: string) => `user:${userId}`;

/** After a committed change to a user's memberships: never fails it (the entry has a short ttl). */
export async function invalidateUser(userId: string): Promise<void> {
  await invalidate(userTag(userId)).catch(() => false);
}

/** Where a board's pages live: `/b/{workspace}/{board}`. */
export interface BoardAddress {
  workspace: string;
  board: string;
}

/** Addresses of the boards matching `where`; none if the query fails (never fails a write). */
function addressesWhere(where: SQL | undefined): Promise<BoardAddress[]> {
  return db
    .select({ workspace: workspaces.slug, board: boards.slug })
    .from(boards)
    .innerJoin(workspaces, eq(workspaces.id, boards.workspaceId))
    .where(where)
    .catch(() => []);
}

/** The boards' addresses now; read before a rename or delete, to revalidate the old pages after. */
export function boardAddresses(...boardIds: string[]): Promise<BoardAddress[]> {
  return addressesWhere(inArray(boards.id, boardIds));
}

/** After a committed write: never fails it (a cache that is down expires within its ttl). */
export async function invalidateBoards(...boardIds: string[]): Promise<void> {
  await invalidate(...boardIds.map(boardTag)).catch(() => false);
  await revalidateBoardPages(await boardAddresses(...boardIds));
}

/**
 * The key of a board page's last good copy (lib/boards/public-board-page.ts), served while the
 * database is away.
 */
export const boardPageCopyKey = (page: BoardAddress) =>
  `board-page:${page.workspace}/${page.board}`;

async function forgetCopies(pages: readonly BoardAddress[]) {
  await Promise.all(pages.map((page) => dropCopy(boardPageCopyKey(page))));
}

/**
 * After a write whose old state must never be shown again, not even as a stale copy during an
 * outage (content edited or deleted, a board's settings changed): invalidate, and drop the
 * boards' last good copies. Votes, new posts, comments and status changes use invalidateBoards:
 * a stale copy of those is only out of date.
 */
export async function invalidateBoardContent(...boardIds: string[]): Promise<void> {
  const pages = await boardAddresses(...boardIds);
  await invalidate(...boardIds.map(boardTag)).catch(() => false);
  await forgetCopies(pages);
  await revalidateBoardPages(pages);
}

/**
 * After a board was renamed or deleted: its tag, and the cached page at its old address as well
 * as the new one, so the old address stops showing the board on the next visit.
 */
export async function invalidateMovedBoard(
  boardId: string,
  previous: readonly BoardAddress[],
): Promise<void> {
  await invalidateBoardContent(boardId);
  await forgetCopies(previous);
  await revalidateBoardPages(previous);
}

/** After moderation (spam cascades, bans, hidden reports): no stale copy may show what it hid. */
export async function invalidateWorkspace(workspaceId: string): Promise<void> {
  const pages = await addressesWhere(eq(boards.workspaceId, workspaceId));
  await invalidate(workspaceTag(workspaceId)).catch(() => false);
  await forgetCopies(pages);
  await revalidateBoardPages(pages);
}

async function revalidateBoardPages(pages: readonly BoardAddress[]) {
  for (const page of pages) {
    try {
      revalidatePath(`/b/${page.workspace}/${page.board}/cached`);
    } catch {
      // Outside a Next.js request (scripts, tests) there is no page cache to revalidate.
    }
  }
}
