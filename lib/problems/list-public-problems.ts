import { and, eq } from "drizzle-orm";
import { getBoardForViewer } from "@/lib/boards/get-board-for-viewer";
import { cached } from "@/lib/cache/cached";
import { boardTag, workspaceTag } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { boards, workspaces } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { listProblems } from "./list-problems";
import { listProblemsSchema } from "./schemas";

type ListProblemsOptions = ReturnType<typeof listProblemsSchema.parse>;

export interface PublicProblem {
  id: string;
  title: string;
  excerpt: string;
  status: string;
  voteCount: number;
  commentCount: number;
  createdAt: string;
  authorName: string | null;
}

export interface PublicProblemPage {
  data: PublicProblem[];
  nextCursor: string | null;
}

/** A list entry, with the board's address as the load saw it (null: not public, or gone). */
interface ListEntry {
  board: { workspaceSlug: string; slug: string } | null;
  page: PublicProblemPage | null;
}

interface BoardRef {
  id: string;
  workspaceId: string;
}

/**
 * Which board an address named the last time this process resolved it (`acme/feedback` → ids).
 * Only a hint: it is trusted only when the cached entry, which is current for the board, says the
 * board is still public at that address, so a rename, a delete, a board made private or a slug
 * reused by another board never serves the wrong list. Bounded; the oldest is forgotten first.
 */
const boardsByAddress = new Map<string, BoardRef>();
const MAX_ADDRESSES = 5_000;

function remember(address: string, board: BoardRef) {
  boardsByAddress.delete(address);
  boardsByAddress.set(address, { id: board.id, workspaceId: board.workspaceId });
  if (boardsByAddress.size > MAX_ADDRESSES) {
    boardsByAddress.delete(boardsByAddress.keys().next().value!);
  }
}

/** The board's address if it is public: loaded with the list, so it is as current as the list. */
async function publicAddress(boardId: string): Promise<ListEntry["board"]> {
  const [row] = await db
    .select({ workspaceSlug: workspaces.slug, slug: boards.slug })
    .from(boards)
    .innerJoin(workspaces, eq(workspaces.id, boards.workspaceId))
    .where(and(eq(boards.id, boardId), eq(boards.visibility, "public")));
  return row ?? null;
}

function cachedList(board: BoardRef, options: ListProblemsOptions): Promise<ListEntry> {
  const key = `board-problems:${board.id}:${options.sort}:${options.status}:${options.limit}:${options.q ?? ""}:${options.cursor ?? ""}`;
  return cached(
    key,
    { ttl: 60, tags: [boardTag(board.id), workspaceTag(board.workspaceId)] },
    async (): Promise<ListEntry> => {
      const address = await publicAddress(board.id);
      if (!address) return { board: null, page: null };
      const page = await listProblems(null, board.id, options);
      return {
        board: address,
        page: {
          data: page.items.map(({ viewerVoted: _voted, createdAt, ...item }) => ({
            ...item,
            createdAt: createdAt.toISOString(),
          })),
          nextCursor: page.nextCursor,
        },
      };
    },
  );
}

/**
 * A public board's problem list as everyone sees it, by the board's address (no viewer-specific
 * fields, so one shared cache entry serves every visitor). Input is validated before the cache,
 * so a bad query is never cached; every write to the board, and moderation in its workspace,
 * invalidates it (lib/cache/tags). Unknown and private boards are not_found.
 *
 * A repeat read in this process makes no database query: the address resolves from memory and
 * the entry (one Redis round trip, shared by concurrent readers) confirms the board is still
 * public there. Only the first read of an address, or one whose board moved, looks it up.
 */
export async function listPublicProblems(
  workspaceSlug: string,
  boardSlug: string,
  input: Record<string, string | undefined>,
): Promise<PublicProblemPage> {
  const options = parseInput(listProblemsSchema, input);
  const address = `${workspaceSlug}/${boardSlug}`;
  const known = boardsByAddress.get(address);
  if (known) {
    const entry = await cachedList(known, options);
    if (entry.board?.workspaceSlug === workspaceSlug && entry.board.slug === boardSlug) {
      return entry.page!;
    }
    boardsByAddress.delete(address);
  }
  const { board } = await getBoardForViewer(null, workspaceSlug, boardSlug);
  remember(address, board);
  const entry = await cachedList(board, options);
  // Made private or deleted between the lookup and the load.
  if (!entry.page) throw new AppError("not_found", "Board not found.");
  return entry.page;
}
