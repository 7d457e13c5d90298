// GET /b/[workspace]/[board]/cached – the board's default view for signed-out visitors, rendered
// once and served from Next.js's cache (proxy.ts rewrites cookie-less visits here). Every write
// that changes the board revalidates it (revalidatePath, lib/cache/tags.ts); the 60 s revalidate
// is a backstop.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getBoardForViewer } from "@/lib/boards/get-board-for-viewer";
import { isAppError } from "@/lib/errors";
import { boardMetadata, BoardView } from "../board-view";

// Static, revalidated in the background: headers() and connection() (the root layout's) see no
// request here, so the HTML can be shared. proxy.ts serves it with a CSP without a nonce.
export const dynamic = "force-static";
export const revalidate = 60;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

type Params = Promise<{ workspace: string; board: string }>;

/** The board as a signed-out visitor sees it; unknown or private → 404. */
async function load(params: Params) {
  const { workspace, board } = await params;
  try {
    return await getBoardForViewer(null, workspace, board);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { board, workspace } = await load(params);
  return boardMetadata(board, workspace);
}

export default async function CachedBoardPage({ params }: { params: Params }) {
  return <BoardView session={null} viewer={null} loaded={await load(params)} query={{}} />;
}
