import { cached } from "@/lib/cache/cached";
import { boardTag, workspaceTag } from "@/lib/cache/tags";
import { parseInput } from "@/lib/validation";
import { listProblems } from "./list-problems";
import { listProblemsSchema } from "./schemas";

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

/**
 * A public board's problem list as everyone sees it (no viewer-specific fields, so one shared
 * cache entry serves every visitor). Input is validated before the cache, so a bad query is never
 * cached; every write to the board or moderation in its workspace invalidates it (lib/cache/tags).
 */
export async function listPublicProblems(
  board: { id: string; workspaceId: string },
  input: Record<string, string | undefined>,
): Promise<PublicProblemPage> {
  const options = parseInput(listProblemsSchema, input);
  const key = `problems:${board.id}:${options.sort}:${options.status}:${options.limit}:${options.q ?? ""}:${options.cursor ?? ""}`;
  return cached(
    key,
    { ttl: 60, tags: [boardTag(board.id), workspaceTag(board.workspaceId)] },
    async () => {
      const page = await listProblems(null, board.id, options);
      return {
        data: page.items.map(({ viewerVoted: _voted, createdAt, ...item }) => ({
          ...item,
          createdAt: createdAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
