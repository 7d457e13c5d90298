// GET /b/[workspace]/[board] – a public board: its problems (sort, filter, search, pages) and the post form
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getSession, principalOf } from "@/lib/auth/session";
import { getBoardForViewer } from "@/lib/boards/get-board-for-viewer";
import { isAppError } from "@/lib/errors";
import { boardMetadata, BoardView } from "./board-view";

type Params = Promise<{ workspace: string; board: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The board as this viewer may see it (read once per request); unknown or private → 404. */
const loadBoard = cache(async (workspaceSlug: string, boardSlug: string) => {
  const session = await getSession();
  const viewer = session ? principalOf(session) : null;
  try {
    return { session, viewer, ...(await getBoardForViewer(viewer, workspaceSlug, boardSlug)) };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { workspace: ws, board: slug } = await params;
  const { board, workspace } = await loadBoard(ws, slug);
  return boardMetadata(board, workspace);
}

export default async function BoardPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { workspace: ws, board: slug } = await params;
  const { session, viewer, ...loaded } = await loadBoard(ws, slug);
  return <BoardView session={session} viewer={viewer} loaded={loaded} query={await searchParams} />;
}
