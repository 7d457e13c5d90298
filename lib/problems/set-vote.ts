import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { problems, votes } from "@/lib/db/schema";
import { assertNotBanned } from "@/lib/moderation/bans";
import { assertInteractive, loadProblem } from "./load-problem";

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
  return db.transaction(async (tx) => {
    if (voted) {
      await tx.insert(votes).values({ problemId, userId: principal.userId }).onConflictDoNothing();
    } else {
      await tx
        .delete(votes)
        .where(and(eq(votes.problemId, problemId), eq(votes.userId, principal.userId)));
    }
    const [row] = await tx
      .select({ voteCount: problems.voteCount })
      .from(problems)
      .where(eq(problems.id, problemId));
    return { voted, voteCount: row?.voteCount ?? 0 };
  });
}

/** Flip the principal's vote. */
export async function toggleVote(principal: Principal, problemId: string): Promise<VoteResult> {
  const [existing] = await db
    .select({ userId: votes.userId })
    .from(votes)
    .where(and(eq(votes.problemId, problemId), eq(votes.userId, principal.userId)));
  return setVote(principal, problemId, !existing);
}
