import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { comments, flags, moderationActions, problems } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { loadComment } from "@/lib/comments/load-comment";
import { loadProblem } from "@/lib/problems/load-problem";
import { isId, parseInput, userText } from "@/lib/validation";
import { assertNotBanned } from "./bans";
import { getModerationSettings } from "./decide-moderation";
import { invalidateWorkspace } from "@/lib/cache/tags";

export const flagInputSchema = z.object({
  targetType: z.enum(["problem", "comment"], { error: "Choose what you are reporting." }),
  targetId: z.string().refine(isId, "Choose what you are reporting."),
  reason: userText({
    required: "Say what is wrong with it.",
    min: 3,
    tooShort: "Say what is wrong with it.",
    max: 500,
    multiline: true,
  }),
});

/**
 * Report a problem or comment. One report per person per item; when reports reach the
 * workspace's threshold, published content is hidden until a moderator reviews it.
 */
export async function flagContent(
  principal: Principal,
  input: unknown,
): Promise<{ hidden: boolean }> {
  const data = parseInput(flagInputSchema, input);
  const { workspaceId, authorId } =
    data.targetType === "problem"
      ? await loadProblem(principal, data.targetId).then((a) => ({
          workspaceId: a.workspace.id,
          authorId: a.problem.authorId,
        }))
      : await loadComment(principal, data.targetId).then((c) => ({
          workspaceId: c.access.workspace.id,
          authorId: c.comment.authorId,
        }));
  if (authorId === principal.userId) {
    throw new AppError("conflict", "You can't report your own post. Edit or delete it instead.");
  }
  await assertNotBanned(workspaceId, principal.userId);
  const table = data.targetType === "problem" ? problems : comments;

  const outcome = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(flags)
      .values({
        id: createId("flg"),
        workspaceId,
        targetType: data.targetType,
        targetId: data.targetId,
        reporterId: principal.userId,
        reason: data.reason,
      })
      .onConflictDoNothing()
      .returning({ id: flags.id });
    if (inserted.length === 0) {
      throw new AppError("conflict", "You already reported this. A moderator will look at it.");
    }
    const settings = await getModerationSettings(tx, workspaceId);
    const [row] = await tx
      .update(table)
      .set({ flagCount: sql`${table.flagCount} + 1` })
      .where(eq(table.id, data.targetId))
      .returning({ flagCount: table.flagCount, state: table.moderationState });
    const hide =
      row !== undefined && row.state === "approved" && row.flagCount >= settings.flagThreshold;
    if (hide) {
      await tx
        .update(table)
        .set({
          moderationState: "pending",
          moderationReason: `Hidden after ${row.flagCount} reports`,
        })
        .where(eq(table.id, data.targetId));
      await tx.insert(moderationActions).values({
        id: createId("mod"),
        workspaceId,
        actorId: null,
        action: "auto_hide",
        targetType: data.targetType,
        targetId: data.targetId,
        note: `${row.flagCount} reports`,
      });
    }
    return { hidden: hide };
  });
  if (outcome.hidden) await invalidateWorkspace(workspaceId);
  return outcome;
}
