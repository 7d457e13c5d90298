import { and, count, eq, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { follows, users, votes, type ProblemStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { listProblems } from "./list-problems";
import { loadProblem } from "./load-problem";
import { checkMerge, mergeRecipientsWhere } from "./merge-problems";
import { STATUS_LABELS } from "./schemas";

export interface MergeTarget {
  id: string;
  title: string;
  status: ProblemStatus;
  statusLabel: string;
  voteCount: number;
}

export interface MergePreview {
  duplicate: { id: string; title: string; commentCount: number };
  kept: MergeTarget & { boardName: string; votesAfter: number };
  /** Votes that move over; a voter who voted on both counts once. */
  votesMoving: number;
  votesAlreadyThere: number;
  /** Followers who start following the kept problem. */
  followersMoving: number;
  /** The duplicate's author and followers, except the member merging: one email each. */
  notified: number;
}

/** How many candidates the picker shows. */
const TARGET_LIMIT = 8;

/**
 * Problems on the duplicate's board that it can be merged into, found with the board's own search
 * (typos, prefixes, plural and singular), best match first; a pasted id or link finds that problem
 * on any board of the workspace. Members who triage only: anyone else gets not_found/forbidden, and
 * nothing of another workspace is ever listed.
 */
export async function findMergeTargets(
  principal: Principal,
  duplicateId: string,
  query: string,
): Promise<MergeTarget[]> {
  const duplicate = await loadProblem(principal, duplicateId);
  if (!duplicate.canTriage) {
    throw new AppError(duplicate.role ? "forbidden" : "not_found", "Problem not found.");
  }
  const q = query.trim().slice(0, 200);
  if (q === "") return [];
  const pastedId = /\bprb_[a-z0-9]+/.exec(q)?.[0];
  if (pastedId) {
    if (pastedId === duplicateId) return [];
    const found = await loadProblem(principal, pastedId).catch(() => null);
    if (!found || found.workspace.id !== duplicate.workspace.id || found.problem.mergedIntoId) {
      return [];
    }
    const { id, title, status, voteCount } = found.problem;
    return [{ id, title, status, statusLabel: STATUS_LABELS[status], voteCount }];
  }
  const page = await listProblems(principal, duplicate.board.id, {
    q,
    status: "all",
    sort: "top",
    limit: TARGET_LIMIT + 1,
  });
  return page.items
    .filter((item) => item.id !== duplicateId)
    .slice(0, TARGET_LIMIT)
    .map(({ id, title, status, voteCount }) => ({
      id,
      title,
      status,
      statusLabel: STATUS_LABELS[status],
      voteCount,
    }));
}

/**
 * What merging `duplicateId` into `keptId` would do, counted now; refuses exactly what
 * mergeProblems refuses (see checkMerge).
 */
export async function previewMerge(
  principal: Principal,
  duplicateId: string,
  keptId: string,
): Promise<MergePreview> {
  const { duplicate, kept } = await checkMerge(principal, duplicateId, keptId);
  const onKept = alias(votes, "kept_votes");
  const followsKept = alias(follows, "kept_follows");
  const [votesRow, followsRow, recipientsRow] = await Promise.all([
    db
      .select({
        moving: sql<number>`count(*) filter (where ${onKept.userId} is null)`.mapWith(Number),
        already: sql<number>`count(${onKept.userId})`.mapWith(Number),
      })
      .from(votes)
      .leftJoin(onKept, and(eq(onKept.problemId, keptId), eq(onKept.userId, votes.userId)))
      .where(eq(votes.problemId, duplicateId)),
    db
      .select({ moving: count() })
      .from(follows)
      .where(
        and(
          eq(follows.problemId, duplicateId),
          notExists(
            db
              .select({ one: sql`1` })
              .from(followsKept)
              .where(
                and(eq(followsKept.problemId, keptId), eq(followsKept.userId, follows.userId)),
              ),
          ),
        ),
      ),
    db
      .select({ n: count() })
      .from(users)
      .where(mergeRecipientsWhere(principal.userId, duplicateId, duplicate.problem.authorId)),
  ]);
  const votesMoving = votesRow[0]?.moving ?? 0;
  return {
    duplicate: {
      id: duplicate.problem.id,
      title: duplicate.problem.title,
      commentCount: duplicate.problem.commentCount,
    },
    kept: {
      id: kept.problem.id,
      title: kept.problem.title,
      status: kept.problem.status,
      statusLabel: STATUS_LABELS[kept.problem.status],
      voteCount: kept.problem.voteCount,
      boardName: kept.board.name,
      votesAfter: kept.problem.voteCount + votesMoving,
    },
    votesMoving,
    votesAlreadyThere: votesRow[0]?.already ?? 0,
    followersMoving: followsRow[0]?.moving ?? 0,
    notified: recipientsRow[0]?.n ?? 0,
  };
}
