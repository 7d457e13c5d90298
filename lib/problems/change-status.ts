import { and, eq, ne } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { follows, problems, statusChanges, users, type StatusChange } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";
import { loadProblem } from "./load-problem";
import { STATUS_LABELS, statusChangeSchema } from "./schemas";
import { invalidateBoards } from "@/lib/cache/tags";

export function problemUrl(workspaceSlug: string, boardSlug: string, problemId: string): string {
  return `${env.APP_URL}/b/${workspaceSlug}/${boardSlug}/p/${problemId}`;
}

/**
 * Move a problem to another status, with an optional public note (members who triage). The
 * change, its timeline entry and one email per follower (never the actor) are written in one
 * transaction, so a change is never announced twice or lost.
 */
export async function changeStatus(
  principal: Principal,
  problemId: string,
  input: unknown,
): Promise<StatusChange> {
  const access = await loadProblem(principal, problemId);
  if (!access.canTriage) {
    throw new AppError(
      access.role ? "forbidden" : "not_found",
      "You can't change this problem's status.",
    );
  }
  const { status, note } = parseInput(statusChangeSchema, input);
  if (access.problem.mergedIntoId) {
    throw new AppError("conflict", "This problem was merged into another; change that one.");
  }
  const change = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: problems.status })
      .from(problems)
      .where(eq(problems.id, problemId))
      .for("update");
    if (!current) throw new AppError("not_found", "Problem not found.");
    if (current.status === status) {
      throw new AppError("validation_failed", "The problem already has that status.", {
        status: [`It is already ${STATUS_LABELS[status]}.`],
      });
    }
    await tx.update(problems).set({ status }).where(eq(problems.id, problemId));
    const [inserted] = await tx
      .insert(statusChanges)
      .values({
        id: createId("stc"),
        problemId,
        actorId: principal.userId,
        fromStatus: current.status,
        toStatus: status,
        note: note || null,
      })
      .returning();
    // Followers hear about changes to published problems only.
    const followers =
      access.problem.moderationState !== "approved"
        ? []
        : await tx
            .select({ userId: users.id, email: users.email })
            .from(follows)
            .innerJoin(users, eq(users.id, follows.userId))
            .where(and(eq(follows.problemId, problemId), ne(follows.userId, principal.userId)));
    for (const follower of followers) {
      await sendEmail(
        "problem-status-changed",
        follower.email,
        {
          problemTitle: access.problem.title,
          boardName: access.board.name,
          fromStatus: STATUS_LABELS[current.status],
          toStatus: STATUS_LABELS[status],
          note: note ?? "",
          url: problemUrl(access.workspace.slug, access.board.slug, problemId),
        },
        { idempotencyKey: `status-change:${inserted!.id}:${follower.userId}`, tx },
      );
    }
    return inserted!;
  });
  await invalidateBoards(access.board.id);
  return change;
}
