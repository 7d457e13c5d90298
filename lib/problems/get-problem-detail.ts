import {
  and,
  type AnyColumn,
  asc,
  desc,
  eq,
  getTableColumns,
  getTableName,
  ne,
  sql,
  type SQL,
  type Table,
} from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { cached } from "@/lib/cache/cached";
import { boardTag, problemTag, workspaceTag } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import {
  boards,
  comments,
  follows,
  members,
  problems,
  statusChanges,
  users,
  votes,
  workspaces,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validation";
import { AUTHOR_EDIT_WINDOW_MS } from "./edit-problem";
import { accessTo, loadProblem, type ProblemAccess } from "./load-problem";
import { MERGE_NOTE } from "./merge-problems";

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
  /**
   * The problem this one was merged into, when the viewer may see it; null when it was not
   * merged, or the target is gone or hidden from this viewer (private board, held).
   */
  mergedInto: { id: string; title: string; path: string } | null;
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

/** Seconds a problem's shared part stays fresh; every write to it invalidates it sooner. */
const DETAIL_TTL = 60;

/** A comment row as read, before the viewer's filter (deleted ones keep no body). */
type CommentRow = Omit<CommentView, "body"> & { body: string | null; deleted: boolean };

/**
 * What every viewer sees of a problem, cached under one shared key: the problem with its board
 * and workspace, the author's name, the status timeline and the approved comments. Nothing here
 * depends on who is looking; access rules and the viewer's own state are applied per request.
 */
interface SharedDetail {
  problem: ProblemAccess["problem"];
  board: ProblemAccess["board"];
  workspace: ProblemAccess["workspace"];
  authorName: string | null;
  timeline: ProblemDetail["timeline"];
  comments: CommentRow[];
}

/**
 * A problem's page: the problem, its status timeline and the comments the viewer may see.
 *
 * One query reads the problem's board and workspace ids with the viewer's role, vote, follow and
 * whether they may see held comments; the shared part comes from the cache (tags: the problem,
 * its board, its workspace, so every write path that invalidates a board or workspace also
 * refreshes it). Held or rejected comments are never in the shared part: a moderator gets them
 * all, an author their own, read fresh.
 */
export async function getProblemDetail(
  viewer: Principal | null,
  problemId: string,
): Promise<ProblemDetail> {
  if (!isId(problemId)) throw new AppError("not_found", "Problem not found.");
  const [home] = await readViewerState(viewer, problemId);
  if (!home) throw new AppError("not_found", "Problem not found.");
  const shared = await cached(
    `problem-detail:${problemId}`,
    {
      ttl: DETAIL_TTL,
      tags: [problemTag(problemId), boardTag(home.boardId), workspaceTag(home.workspaceId)],
    },
    () => loadShared(problemId),
  );
  if (!shared) throw new AppError("not_found", "Problem not found."); // deleted meanwhile
  const detail = reviveShared(shared);
  const access = accessTo(viewer, detail, home.memberRole);

  // Held and rejected comments are never shared: a moderator reads them all, an author their own.
  const onThis = and(eq(comments.problemId, problemId), ne(comments.moderationState, "approved"));
  const hidden =
    viewer && access.canModerate && home.hiddenAny
      ? await readComments(onThis)
      : viewer && home.hiddenOwn
        ? await readComments(and(onThis, eq(comments.authorId, viewer.userId)))
        : [];

  const authorMayEdit =
    access.isAuthor && Date.now() - access.problem.createdAt.getTime() < AUTHOR_EDIT_WINDOW_MS;
  const mergedInto = await mergeTargetFor(viewer, access.problem.mergedIntoId);
  return {
    ...access,
    authorName: detail.authorName,
    viewerVoted: home.voted,
    viewerFollows: home.follows,
    canEdit: access.canTriage || authorMayEdit,
    mergedInto,
    timeline:
      access.problem.mergedIntoId && !mergedInto
        ? detail.timeline.map(withoutMergeTarget)
        : detail.timeline,
    comments: visibleThread([...detail.comments, ...hidden.map(reviveComment)]),
  };
}

/** The merge target as this viewer may see it (the same rules as opening it), or null. */
async function mergeTargetFor(
  viewer: Principal | null,
  keptId: string | null,
): Promise<ProblemDetail["mergedInto"]> {
  if (!keptId) return null;
  const kept = await loadProblem(viewer, keptId).catch((error: unknown) => {
    if (error instanceof AppError) return null; // deleted since, or not visible to this viewer
    throw error;
  });
  if (!kept) return null;
  const path = `/b/${kept.workspace.slug}/${kept.board.slug}/p/${kept.problem.id}`;
  return { id: kept.problem.id, title: kept.problem.title, path };
}

/**
 * Merges used to write the kept problem's title into the duplicate's status note (“Merged into
 * “…”.”). For a viewer who may not see the kept problem, such a note says only that it was merged.
 */
function withoutMergeTarget(entry: ProblemDetail["timeline"][number]) {
  return entry.toStatus === "closed" && entry.note?.startsWith("Merged into “")
    ? { ...entry, note: MERGE_NOTE }
    : entry;
}

/** `"table"."column"`: drizzle leaves columns unqualified in a one-table select's subqueries. */
const q = (column: AnyColumn) =>
  sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;

/** The problem's board and workspace, and what this viewer has to do with it, in one query. */
function readViewerState(viewer: Principal | null, problemId: string) {
  const mine = (column: AnyColumn) => (viewer ? sql`${q(column)} = ${viewer.userId}` : sql`false`);
  const held = sql`${q(comments.problemId)} = ${q(problems.id)}
    and ${q(comments.moderationState)} <> 'approved'`;
  return db
    .select({
      boardId: problems.boardId,
      workspaceId: problems.workspaceId,
      memberRole: sql<string | null>`(select ${q(members.role)} from ${members}
        where ${q(members.organizationId)} = ${q(problems.workspaceId)} and ${mine(members.userId)})`,
      voted: sql<boolean>`exists (select 1 from ${votes}
        where ${q(votes.problemId)} = ${q(problems.id)} and ${mine(votes.userId)})`,
      follows: sql<boolean>`exists (select 1 from ${follows}
        where ${q(follows.problemId)} = ${q(problems.id)} and ${mine(follows.userId)})`,
      hiddenOwn: sql<boolean>`exists (select 1 from ${comments}
        where ${held} and ${mine(comments.authorId)})`,
      hiddenAny: viewer
        ? sql<boolean>`exists (select 1 from ${comments} where ${held})`
        : sql<boolean>`false`,
    })
    .from(problems)
    .where(eq(problems.id, problemId));
}

/** The shared part, or null when the problem does not exist. Plain JSON: it goes to the cache. */
async function loadShared(problemId: string): Promise<SharedDetail | null> {
  const [row] = await db
    .select({
      problem: problems,
      board: boards,
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name },
      authorName: users.name,
    })
    .from(problems)
    .innerJoin(boards, eq(boards.id, problems.boardId))
    .innerJoin(workspaces, eq(workspaces.id, problems.workspaceId))
    .leftJoin(users, eq(users.id, problems.authorId))
    .where(eq(problems.id, problemId));
  if (!row) return null;
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
  const approved = await readComments(
    and(eq(comments.problemId, problemId), eq(comments.moderationState, "approved")),
  );
  return { ...row, authorName: row.authorName ?? null, timeline, comments: approved };
}

async function readComments(where: SQL | undefined): Promise<CommentRow[]> {
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
    .where(where)
    .orderBy(desc(comments.pinned), asc(comments.createdAt));
  // A deleted comment's text never leaves the database, not even into the cache.
  return rows.map(({ deletedAt, ...r }) => ({
    ...r,
    body: deletedAt ? null : r.body,
    deleted: deletedAt !== null,
  }));
}

/**
 * The viewer's thread, pinned first then oldest first: deleted comments stay (without text) only
 * while a reply the viewer can see hangs under them.
 */
function visibleThread(rows: CommentRow[]): CommentView[] {
  const sorted = rows.sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.id.localeCompare(b.id),
  );
  const withReplies = new Set(
    sorted.filter((r) => r.parentId && !r.deleted).map((r) => r.parentId),
  );
  return sorted
    .filter((r) => !r.deleted || withReplies.has(r.id))
    .map(({ deleted: _deleted, ...r }) => r);
}

// ---- Dates: the cache hands values back as JSON, so timestamps arrive as strings --------------

/** Turn a table row's timestamp columns (dataType "date") back into Dates. */
function reviveRow<T extends object>(table: Table, row: T): T {
  const revived = { ...row } as Record<string, unknown>;
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = revived[key];
    if (column.dataType === "date" && typeof value === "string") revived[key] = new Date(value);
  }
  return revived as T;
}

const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

function reviveComment(row: CommentRow): CommentRow {
  return {
    ...row,
    createdAt: toDate(row.createdAt),
    editedAt: row.editedAt === null ? null : toDate(row.editedAt),
  };
}

function reviveShared(shared: SharedDetail): SharedDetail {
  return {
    ...shared,
    problem: reviveRow(problems, shared.problem),
    board: reviveRow(boards, shared.board),
    timeline: shared.timeline.map((entry) => ({ ...entry, createdAt: toDate(entry.createdAt) })),
    comments: shared.comments.map(reviveComment),
  };
}
