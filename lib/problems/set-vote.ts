import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { problems, votes } from "@/lib/db/schema";
import { assertNotBanned } from "@/lib/moderation/bans";
import { assertInteractive, loadProblem } from "./load-problem";
import { invalidateBoards } from "@/lib/cache/tags";

export interface VoteResult {
  voted: boolean;
  voteCount: number;
}

/**
 * Set the principal's vote on a problem. Idempotent: voting twice is one vote, and the count is
 * maintained by a trigger on the vote row itself, so it is exact under any concurrency.
 */
export async function setVote(
  principal: Principal,
  problemId: string,
  voted: boolean,
): Promise<VoteResult> {
  const access = await loadProblem(principal, problemId);
  assertInteractive(access, "vote on");
  if (!access.role) await assertNotBanned(access.workspace.id, principal.userId);
  // One statement each: the vote row and its counter change together (the trigger runs inside
  // the statement), so no explicit transaction is needed and the problem row's lock is held only
  // for that statement, not for extra round trips.
  if (voted) {
    await db.insert(votes).values({ problemId, userId: principal.userId }).onConflictDoNothing();
  } else {
    await db
      .delete(votes)
      .where(and(eq(votes.problemId, problemId), eq(votes.userId, principal.userId)));
  }
  const [row] = await db
    .select({ voteCount: problems.voteCount })
    .from(problems)
    .where(eq(problems.id, problemId));
  await invalidateBoards(access.board.id);
  return { voted, voteCount: row?.voteCount ?? 0 };
}

/** Flip the principal's vote. */
export async function toggleVote(principal: Principal, problemId: string): Promise<VoteResult> {
  const [existing] = await db
    .select({ userId: votes.userId })
    .from(votes)
    .where(and(eq(votes.problemId, problemId), eq(votes.userId, principal.userId)));
  return setVote(principal, problemId, !existing);
}
