import { and, desc, eq, isNull, notInArray, sql } from "drizzle-orm";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { boards, comments, members, problems, statusChanges } from "@/lib/db/schema";

export const INBOX_VIEWS = ["new", "unanswered", "trending"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/**
 * The team's problem inbox across the workspace's boards: new this week, unanswered (open, no
 * reply from a member and no status change yet), and trending (votes weighted by recency).
 */
export async function listInbox(
  principal: Principal,
  workspaceId: string,
  view: InboxView,
  limit = 50,
) {
  await requirePermission(principal, workspaceId, "workspace:read");
  const base = [
    eq(problems.workspaceId, workspaceId),
    eq(problems.moderationState, "approved"),
    isNull(problems.mergedIntoId),
  ];
  const memberReplied = sql`exists (select 1 from ${comments} c join ${members} m
    on m.user_id = c.author_id and m.workspace_id = ${workspaceId}
    where c.problem_id = ${problems.id} and c.deleted_at is null)`;
  const statusChanged = sql`exists (select 1 from ${statusChanges} s where s.problem_id = ${problems.id})`;
  const where =
    view === "new"
      ? and(...base, sql`${problems.createdAt} > now() - interval '7 days'`)
      : view === "unanswered"
        ? and(
            ...base,
            eq(problems.status, "open"),
            sql`not ${memberReplied}`,
            sql`not ${statusChanged}`,
          )
        : and(...base, notInArray(problems.status, ["solved", "closed"]));
  const order =
    view === "trending"
      ? desc(
          sql`(${problems.voteCount} + 1) / power(extract(epoch from (now() - ${problems.createdAt})) / 3600 + 2, 1.5)`,
        )
      : desc(problems.createdAt);
  return db
    .select({
      id: problems.id,
      title: problems.title,
      status: problems.status,
      voteCount: problems.voteCount,
      commentCount: problems.commentCount,
      createdAt: problems.createdAt,
      boardName: boards.name,
      boardSlug: boards.slug,
    })
    .from(problems)
    .innerJoin(boards, eq(boards.id, problems.boardId))
    .where(where)
    .orderBy(order)
    .limit(limit);
}
