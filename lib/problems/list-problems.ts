import {
  and,
  desc,
  eq,
  isNull,
  lt,
  notInArray,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { assertBoardVisible } from "@/lib/boards/get-board-for-viewer";
import { db } from "@/lib/db";
import { problems, users, votes, type ProblemStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { markdownToText } from "@/lib/content/markdown";
import { problemSearch } from "./search-query";
import { isId, parseInput } from "@/lib/validation";
import { listProblemsSchema, type ListProblemsInput } from "./schemas";

export interface ProblemListItem {
  id: string;
  title: string;
  excerpt: string;
  status: ProblemStatus;
  voteCount: number;
  commentCount: number;
  createdAt: Date;
  authorName: string | null;
  viewerVoted: boolean;
}

export interface ProblemPage {
  items: ProblemListItem[];
  nextCursor: string | null;
}

interface Cursor {
  /** The sort the cursor was made for; a cursor is only valid for the same sort. */
  s?: string;
  /** Keyset position for top/new: [sort value, id]. */
  k?: [number | string, string];
  /** Offset for trending and search, whose order moves with time or the query. */
  o?: number;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

function validCursor(cursor: Cursor, sort: string, keyset: boolean): boolean {
  if (cursor.s !== sort) return false;
  if (!keyset) return cursor.k === undefined && Number.isInteger(cursor.o) && (cursor.o ?? -1) >= 0;
  if (!Array.isArray(cursor.k) || cursor.k.length !== 2 || !isId(cursor.k[1])) {
    return false;
  }
  const [value] = cursor.k;
  return sort.startsWith("top:")
    ? Number.isInteger(value) && Number(value) >= 0
    : typeof value === "string" && TIMESTAMP.test(value);
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(value: string | undefined, sort: string, keyset: boolean): Cursor {
  if (!value) return {};
  let parsed: Cursor | null = null;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString()) as Cursor;
  } catch {
    parsed = null;
  }
  if (!parsed || typeof parsed !== "object" || !validCursor(parsed, sort, keyset)) {
    throw new AppError("validation_failed", "That page link is invalid.", {
      cursor: ["Invalid cursor. Start again from the first page."],
    });
  }
  return parsed;
}

function descNullsLast(column: SQL | AnyColumn): SQL {
  return sql`${column} desc nulls last`;
}

/** Votes weighted by recency (Hacker News' gravity), for the trending sort. */
const trendingScore = sql`(${problems.voteCount} + 1) / power(extract(epoch from (now() - ${problems.createdAt})) / 3600 + 2, 1.5)`;

/**
 * Published problems of a board: sorted by top, new or trending; filtered by status; searched by
 * full text (with trigram similarity on titles, so typos still find things). Pages are addressed
 * by an opaque cursor. A board the viewer may not see (unknown, or private and the viewer not a
 * member) is not_found, checked before the input is parsed, like every other read.
 */
export async function listProblems(
  viewer: Principal | null,
  boardId: string,
  /** Typed options, or raw query-string values (validated here either way). */
  input: ListProblemsInput | Record<string, string | undefined> = {},
): Promise<ProblemPage> {
  await assertBoardVisible(viewer, boardId);
  const options = parseInput(listProblemsSchema, input);
  const query = options.q && options.q.length > 0 ? options.q : undefined;
  // A search ranks by relevance (typos corrected per word, see problemSearch), then the sort.
  return listPage(viewer, boardId, options, query ? "search" : "");
}

type SearchMode = "" | "search";

async function listPage(
  viewer: Principal | null,
  boardId: string,
  options: ReturnType<typeof listProblemsSchema.parse>,
  mode: SearchMode,
): Promise<ProblemPage> {
  const keyset = mode === "" && options.sort !== "trending";
  const cursorSort = `${options.sort}:${mode}`;
  const cursor = decodeCursor(options.cursor, cursorSort, keyset);
  const search = mode === "search" ? await problemSearch(boardId, options.q ?? "") : null;
  if (mode === "search" && !search) return { items: [], nextCursor: null };

  const where: (SQL | undefined)[] = [
    eq(problems.boardId, boardId),
    eq(problems.moderationState, "approved"),
    isNull(problems.mergedIntoId),
  ];
  if (options.status === "active") where.push(notInArray(problems.status, ["solved", "closed"]));
  else if (options.status !== "all") where.push(eq(problems.status, options.status));
  if (search) where.push(search.matches);

  if (keyset && cursor.k) {
    const [value, id] = cursor.k;
    if (options.sort === "top") {
      const votesValue = Number(value);
      where.push(
        or(
          lt(problems.voteCount, votesValue),
          and(eq(problems.voteCount, votesValue), lt(problems.id, String(id))),
        ),
      );
    } else {
      // The exact timestamp text (microseconds) round-trips; a JS Date would lose precision.
      const at = sql`${String(value)}::timestamptz`;
      where.push(
        or(
          sql`${problems.createdAt} < ${at}`,
          and(sql`${problems.createdAt} = ${at}`, lt(problems.id, String(id))),
        ),
      );
    }
  }

  // "desc nulls last" matches the list indexes exactly, so a page is a short index scan.
  const order: SQL[] = search ? [sql`${search.rank} desc`] : [];
  if (options.sort === "top")
    order.push(descNullsLast(problems.voteCount), descNullsLast(problems.id));
  else if (options.sort === "new")
    order.push(descNullsLast(problems.createdAt), descNullsLast(problems.id));
  else order.push(desc(trendingScore), desc(problems.id));

  const offset = keyset ? 0 : (cursor.o ?? 0);
  const rows = await db
    .select({
      id: problems.id,
      title: problems.title,
      body: problems.body,
      status: problems.status,
      voteCount: problems.voteCount,
      commentCount: problems.commentCount,
      createdAt: problems.createdAt,
      createdAtExact: sql<string>`${problems.createdAt}::text`,
      authorName: users.name,
      viewerVoted: viewer ? sql<boolean>`${votes.userId} is not null` : sql<boolean>`false`,
    })
    .from(problems)
    .leftJoin(users, eq(users.id, problems.authorId))
    .leftJoin(
      votes,
      viewer ? and(eq(votes.problemId, problems.id), eq(votes.userId, viewer.userId)) : sql`false`,
    )
    .where(and(...where))
    .orderBy(...order)
    .limit(options.limit + 1)
    .offset(offset);

  const page = rows.slice(0, options.limit);
  const items = page.map(({ body, createdAtExact: _exact, ...row }) => ({
    ...row,
    excerpt: excerpt(body),
  }));
  const last = page.at(-1);
  const hasMore = rows.length > options.limit;
  const nextCursor =
    hasMore && last
      ? encodeCursor(
          keyset
            ? {
                s: cursorSort,
                k: [options.sort === "top" ? last.voteCount : last.createdAtExact, last.id],
              }
            : { s: cursorSort, o: offset + options.limit },
        )
      : null;
  return { items, nextCursor };
}

/** Plain text of the first ~200 characters of a markdown body. */
export function excerpt(markdown: string, length = 200): string {
  const text = markdownToText(
    markdown
      .replace(/```[\s\S]*?```/g, " ")
      .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
      .replace(/\n+/g, " "),
  );
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
