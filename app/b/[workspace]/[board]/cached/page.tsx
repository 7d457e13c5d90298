// GET /b/[workspace]/[board]/cached – the board's default view for signed-out visitors, rendered
// once and served from Next.js's cache (proxy.ts rewrites cookie-less visits here). Every write
// that changes the board revalidates it (revalidatePath, lib/cache/tags.ts); the 60 s revalidate
// is a backstop. While the database is away it renders the board's last good copy
// (stale-if-error, lib/boards/public-board-page.ts) instead of an error page.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadPublicBoardPage } from "@/lib/boards/public-board-page";
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

/** The board as a signed-out visitor sees it (or its last good copy); unknown or private → 404. */
async function load(params: Params) {
  const { workspace, board } = await params;
  try {
    return await loadPublicBoardPage(workspace, board);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { board, workspace } = (await load(params)).data.loaded;
  return boardMetadata(board, workspace);
}

export default async function CachedBoardPage({ params }: { params: Params }) {
  const { data, stale } = await load(params);
  return (
    <BoardView
      session={null}
      viewer={null}
      loaded={data.loaded}
      query={{}}
      preloaded={data.page}
      stale={stale}
    />
  );
}
