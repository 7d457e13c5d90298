import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { follows, problems, statusChanges, users, votes } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { loadProblem, type ProblemAccess } from "./load-problem";
import { problemUrl } from "./change-status";
import { invalidateBoards } from "@/lib/cache/tags";

/**
 * The status note a merge leaves on the duplicate. It never names the kept problem: the note is
 * shown to everyone who can see the duplicate, and the problem page links the kept one only for
 * viewers who may see it (getProblemDetail's `mergedInto`).
 */
export const MERGE_NOTE = "Merged as a duplicate.";

/**
 * Who hears about a merge: the duplicate's followers and its author, not the member who merges.
 * The preview counts them and the merge emails them, so both use this one condition.
 */
export function mergeRecipientsWhere(
  mergedBy: string,
  duplicateId: string,
  authorId: string | null,
) {
  return and(
    ne(users.id, mergedBy),
    or(
      inArray(
        users.id,
        db
          .select({ userId: follows.userId })
          .from(follows)
          .where(eq(follows.problemId, duplicateId)),
      ),
      eq(users.id, authorId ?? ""),
    ),
  );
}

/**
 * The duplicate and the problem to keep, when `principal` may merge one into the other: they
 * differ, the principal triages the duplicate's workspace and the kept problem is in the same one
 * (another workspace's problem is not found), both boards share a visibility, and the kept problem
 * is published. Shared by the merge and its preview, so the preview refuses what the merge would.
 */
export async function checkMerge(
  principal: Principal,
  duplicateId: string,
  keptId: string,
): Promise<{ duplicate: ProblemAccess; kept: ProblemAccess }> {
  if (duplicateId === keptId) {
    throw new AppError("validation_failed", "Choose a different problem to merge into.", {
      keptId: ["A problem can't be merged into itself."],
    });
  }
  const duplicate = await loadProblem(principal, duplicateId);
  if (!duplicate.canTriage) {
    throw new AppError(duplicate.role ? "forbidden" : "not_found", "Problem not found.");
  }
  const kept = await loadProblem(principal, keptId);
  if (duplicate.workspace.id !== kept.workspace.id) {
    // Another workspace's problem is not found, whoever asks: a merge never reaches across.
    throw new AppError("not_found", "Problem not found.", {
      keptId: ["No problem with that id in this workspace."],
    });
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
  if (duplicate.problem.mergedIntoId) {
    throw new AppError("conflict", "That problem was already merged.");
  }
  return { duplicate, kept };
}

/**
 * Merge a duplicate into the problem to keep: the duplicate's votes and followers move over
 * (someone who was on both counts once), and the duplicate is closed and points at the kept one.
 * Both rows are locked, and a problem can only be merged once, so a merge applies exactly once.
 * The duplicate's author and followers (never the member merging) get one email each, written in
 * the same transaction; the email job skips addresses that unsubscribed or bounced.
 */
export async function mergeProblems(
  principal: Principal,
  duplicateId: string,
  keptId: string,
): Promise<{ movedVotes: number; movedFollowers: number; notified: number }> {
  const { duplicate, kept } = await checkMerge(principal, duplicateId, keptId);
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

    // Who hears about it: the duplicate's followers and its author, read before the follows move.
    const recipients = await tx
      .select({ userId: users.id, email: users.email })
      .from(users)
      .where(mergeRecipientsWhere(principal.userId, duplicateId, duplicate.problem.authorId));
    for (const recipient of recipients) {
      await sendEmail(
        "problem-merged",
        recipient.email,
        {
          problemTitle: duplicate.problem.title,
          keptTitle: kept.problem.title,
          boardName: kept.board.name,
          reason: recipient.userId === duplicate.problem.authorId ? "author" : "follower",
          url: problemUrl(kept.workspace.slug, kept.board.slug, keptId),
        },
        { idempotencyKey: `merge:${duplicateId}:${recipient.userId}`, tx },
      );
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
    return {
      movedVotes: movedVotes.count,
      movedFollowers: movedFollowers.count,
      notified: recipients.length,
    };
  });
  await invalidateBoards(duplicate.board.id, kept.board.id);
  return moved;
}
