import { invalidate } from "./cached";

/**
 * Cache tags of the product core. Public problem lists carry both: a board's tag changes with
 * anything that changes what the board shows (posts, votes, comments, status, board settings);
 * a workspace's tag changes with moderation that can touch many boards at once (spam cascades,
 * bans, reports that hide content).
 */
export const boardTag = (boardId: string) => `board:${boardId}`;
export const workspaceTag = (workspaceId: string) => `workspace:${workspaceId}`;

/** After a committed write: never fails it (a cache that is down expires within its ttl). */
export async function invalidateBoards(...boardIds: string[]): Promise<void> {
  await invalidate(...boardIds.map(boardTag)).catch(() => false);
}

export async function invalidateWorkspace(workspaceId: string): Promise<void> {
  await invalidate(workspaceTag(workspaceId)).catch(() => false);
}
