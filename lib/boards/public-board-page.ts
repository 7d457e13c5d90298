import { keepCopy, lastCopy } from "@/lib/cache/cached";
import { boardPageCopyKey } from "@/lib/cache/tags";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { logger } from "@/lib/observability/logger";
import { listProblems, type ProblemPage } from "@/lib/problems/list-problems";
import { getBoardForViewer, type BoardForViewer } from "./get-board-for-viewer";

/** What the cached board page (signed-out default view) renders. */
export interface PublicBoardPage {
  loaded: BoardForViewer;
  page: ProblemPage;
}

/** A good copy is kept this long, to serve while the database is away. */
export const COPY_TTL_SECONDS = 7 * 24 * 3600;

const copyKey = (workspace: string, board: string) => boardPageCopyKey({ workspace, board });

/** JSON turns Dates into strings; the page's rows have them under `…At` keys. */
function revive(text: string): PublicBoardPage {
  return JSON.parse(text, (key, value: unknown) =>
    key.endsWith("At") && typeof value === "string" && !Number.isNaN(Date.parse(value))
      ? new Date(value)
      : value,
  ) as PublicBoardPage;
}

/**
 * The default view of a public board for signed-out visitors, with stale-if-error: every good
 * load is kept as a copy (Redis, or this process's memory), and while the database is unavailable
 * (lib/db/errors.ts) the last copy is served instead of an error, marked `stale`. Anything else
 * (a private or unknown board: not_found) is thrown as it is. Copies are dropped when what they
 * show must not come back (a board made private, renamed, archived or deleted; content edited,
 * deleted or moderated away: invalidateBoardContent and invalidateWorkspace in
 * lib/cache/tags.ts), so stale never means "un-deleted".
 */
export async function loadPublicBoardPage(
  workspace: string,
  board: string,
): Promise<{ data: PublicBoardPage; stale: boolean }> {
  try {
    const loaded = await getBoardForViewer(null, workspace, board);
    const page = await listProblems(null, loaded.board.id, {});
    const data = { loaded, page };
    await keepCopy(copyKey(workspace, board), data, COPY_TTL_SECONDS);
    return { data, stale: false };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    const copy = await lastCopy(copyKey(workspace, board));
    if (copy === null) throw error;
    logger.warn({ workspace, board }, "Database unavailable: serving the board's last good copy");
    return { data: revive(copy), stale: true };
  }
}
