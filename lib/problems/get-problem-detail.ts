import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { comments, follows, members, statusChanges, users, votes } from "@/lib/db/schema";
import { AUTHOR_EDIT_WINDOW_MS } from "./edit-problem";
import { loadProblem, type ProblemAccess } from "./load-problem";

export interface CommentView {
  id: string;
  parentId: string | null;
  authorId: string | null;
  authorName: string | null;
  /** The author is a member of the workspace (shown as "Team"). */
  authorIsMember: boolean;
  /** Null when the comment was deleted (its replies still show). */
  body: string | null;
  moderationState: string;
  pinned: boolean;
  editedAt: Date | null;
  createdAt: Date;
}

export interface ProblemDetail extends ProblemAccess {
  authorName: string | null;
  viewerVoted: boolean;
  viewerFollows: boolean;
  canEdit: boolean;
  timeline: {
    id: string;
    fromStatus: string;
    toStatus: string;
    note: string | null;
    actorName: string | null;
    createdAt: Date;
  }[];
  comments: CommentView[];
}

/** A problem's page: the problem, its status timeline and its visible comments. */
export async function getProblemDetail(
  viewer: Principal | null,
  problemId: string,
): Promise<ProblemDetail> {
  const access = await loadProblem(viewer, problemId);
  const [author] = access.problem.authorId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, access.problem.authorId))
    : [];
  const [voted] = viewer
    ? await db
        .select({ userId: votes.userId })
        .from(votes)
        .where(and(eq(votes.problemId, problemId), eq(votes.userId, viewer.userId)))
    : [];
  const [following] = viewer
    ? await db
        .select({ userId: follows.userId })
        .from(follows)
        .where(and(eq(follows.problemId, problemId), eq(follows.userId, viewer.userId)))
    : [];
  const timeline = await db
    .select({
      id: statusChanges.id,
      fromStatus: statusChanges.fromStatus,
      toStatus: statusChanges.toStatus,
      note: statusChanges.note,
      actorName: users.name,
      createdAt: statusChanges.createdAt,
    })
    .from(statusChanges)
    .leftJoin(users, eq(users.id, statusChanges.actorId))
    .where(eq(statusChanges.problemId, problemId))
    .orderBy(asc(statusChanges.createdAt));

  const visible = access.canModerate
    ? undefined
    : or(
        eq(comments.moderationState, "approved"),
        viewer ? eq(comments.authorId, viewer.userId) : sql`false`,
      );
  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      authorId: comments.authorId,
      authorName: users.name,
      authorIsMember: sql<boolean>`${members.id} is not null`,
      body: comments.body,
      moderationState: comments.moderationState,
      pinned: comments.pinned,
      editedAt: comments.editedAt,
      deletedAt: comments.deletedAt,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .leftJoin(
      members,
      and(eq(members.userId, comments.authorId), eq(members.organizationId, comments.workspaceId)),
    )
    .where(and(eq(comments.problemId, problemId), visible))
    .orderBy(desc(comments.pinned), asc(comments.createdAt));
  const withReplies = new Set(
    rows.filter((r) => r.parentId && !r.deletedAt).map((r) => r.parentId),
  );
  const commentViews = rows
    .filter((r) => !r.deletedAt || withReplies.has(r.id))
    .map(({ deletedAt, ...r }) => ({ ...r, body: deletedAt ? null : r.body }));

  const authorMayEdit =
    access.isAuthor && Date.now() - access.problem.createdAt.getTime() < AUTHOR_EDIT_WINDOW_MS;
  return {
    ...access,
    authorName: author?.name ?? null,
    viewerVoted: Boolean(voted),
    viewerFollows: Boolean(following),
    canEdit: access.canTriage || authorMayEdit,
    timeline,
    comments: commentViews,
  };
}
