import { and, asc, eq, sql } from "drizzle-orm";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { boards, problems } from "@/lib/db/schema";

export interface BoardWithCounts {
  id: string;
  slug: string;
  name: string;
  description: string;
  visibility: "public" | "private";
  moderationMode: "publish" | "hold_first" | "hold_all";
  archivedAt: Date | null;
  problemCount: number;
  openCount: number;
  pendingCount: number;
}

/** The workspace's boards with problem counts, for its members. */
export async function listBoards(
  principal: Principal,
  workspaceId: string,
  options: { includeArchived?: boolean } = {},
): Promise<BoardWithCounts[]> {
  await requirePermission(principal, workspaceId, "workspace:read");
  return db
    .select({
      id: boards.id,
      slug: boards.slug,
      name: boards.name,
      description: boards.description,
      visibility: boards.visibility,
      moderationMode: boards.moderationMode,
      archivedAt: boards.archivedAt,
      // A merged duplicate lives on in the problem it was merged into: counted once, as the
      // board's list shows it.
      problemCount: sql<number>`count(${problems.id}) filter (where ${problems.moderationState} = 'approved' and ${problems.mergedIntoId} is null)::int`,
      openCount: sql<number>`count(${problems.id}) filter (where ${problems.moderationState} = 'approved' and ${problems.mergedIntoId} is null and ${problems.status} not in ('solved', 'closed'))::int`,
      pendingCount: sql<number>`count(${problems.id}) filter (where ${problems.moderationState} = 'pending')::int`,
    })
    .from(boards)
    .leftJoin(problems, eq(problems.boardId, boards.id))
    .where(
      and(
        eq(boards.workspaceId, workspaceId),
        options.includeArchived ? undefined : sql`${boards.archivedAt} is null`,
      ),
    )
    .groupBy(boards.id)
    .orderBy(asc(boards.name));
}
