import { and, eq, inArray, sql } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { follows, problems, statusChanges, votes } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { loadProblem } from "./load-problem";
import { invalidateBoards } from "@/lib/cache/tags";

/**
 * The status note a merge leaves on the duplicate. It never names the kept problem: the note is
 * shown to everyone who can see the duplicate, and the problem page links the kept one only for
 * viewers who may see it (getProblemDetail's `mergedInto`).
 */
export const MERGE_NOTE = "Merged as a duplicate.";

/**
 * Merge a duplicate into the problem to keep: the duplicate's votes and followers move over
 * (someone who was on both counts once), and the duplicate is closed and points at the kept one.
 * Both rows are locked, and a problem can only be merged once, so a merge applies exactly once.
 */
export async function mergeProblems(
  principal: Principal,
  duplicateId: string,
  keptId: string,
): Promise<{ movedVotes: number; movedFollowers: number }> {
  if (duplicateId === keptId) {
    throw new AppError("validation_failed", "Choose a different problem to merge into.", {
      keptId: ["A problem can't be merged into itself."],
    });
  }
  const duplicate = await loadProblem(principal, duplicateId);
  const kept = await loadProblem(principal, keptId);
  if (!duplicate.canTriage || duplicate.workspace.id !== kept.workspace.id) {
    throw new AppError(duplicate.role ? "forbidden" : "not_found", "Problem not found.");
  }
  if (duplicate.board.visibility !== kept.board.visibility) {
    // A public duplicate would point its visitors at a problem they can't see (and a private one
    // would move the team's private votes onto a public problem).
    const message = `“${kept.problem.title}” is on the ${kept.board.visibility} board “${kept.board.name}”, and this problem is on a ${duplicate.board.visibility} board. Merge into a problem on a ${duplicate.board.visibility} board.`;
    throw new AppError("conflict", message, { keptId: [message] });
  }
  if (kept.problem.moderationState !== "approved") {
    throw new AppError("conflict", "Merge into a published problem, so its voters can see it.");
  }
  const moved = await db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: problems.id, mergedIntoId: problems.mergedIntoId, status: problems.status })
      .from(problems)
      .where(inArray(problems.id, [duplicateId, keptId]))
      .orderBy(problems.id)
      .for("update");
    const dup = locked.find((p) => p.id === duplicateId);
    const keep = locked.find((p) => p.id === keptId);
    if (!dup || !keep) throw new AppError("not_found", "Problem not found.");
    if (dup.mergedIntoId) throw new AppError("conflict", "That problem was already merged.");
    if (keep.mergedIntoId) {
      throw new AppError("conflict", "The problem to keep was itself merged; merge into that one.");
    }

    const movedVotes = await tx.execute(sql`
      insert into ${votes} (problem_id, user_id, created_at)
      select ${keptId}, user_id, created_at from ${votes} where problem_id = ${duplicateId}
      on conflict do nothing`);
    await tx.delete(votes).where(eq(votes.problemId, duplicateId));
    const movedFollowers = await tx.execute(sql`
      insert into ${follows} (problem_id, user_id, created_at)
      select ${keptId}, user_id, created_at from ${follows} where problem_id = ${duplicateId}
      on conflict do nothing`);
    await tx.delete(follows).where(eq(follows.problemId, duplicateId));

    await tx
      .update(problems)
      .set({ mergedIntoId: keptId, status: "closed" })
      .where(and(eq(problems.id, duplicateId), sql`${problems.mergedIntoId} is null`));
    await tx.insert(statusChanges).values({
      id: createId("stc"),
      problemId: duplicateId,
      actorId: principal.userId,
      fromStatus: dup.status,
      toStatus: "closed",
      note: MERGE_NOTE,
    });
    return { movedVotes: movedVotes.count, movedFollowers: movedFollowers.count };
  });
  await invalidateBoards(duplicate.board.id, kept.board.id);
  return moved;
}
