import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { actorOf, recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { comments, flags, moderationActions, problems } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { idSchema, parseInput, userText } from "@/lib/validation";
import { invalidateWorkspace } from "@/lib/cache/tags";

export const moderationDecisionSchema = z.object({
  targetType: z.enum(["problem", "comment"], { error: "Choose a problem or a comment." }),
  targetId: idSchema,
  decision: z.enum(["approve", "reject", "spam"], { error: "Choose approve, reject or spam." }),
  note: userText({ max: 500, multiline: true }).optional(),
});

const STATE = { approve: "approved", reject: "rejected", spam: "spam" } as const;
const AUDIT_ACTION = {
  approve: "moderation.approved",
  reject: "moderation.rejected",
  spam: "moderation.marked_spam",
} as const;

/**
 * Approve, reject or mark as spam a problem or comment of the workspace (members with
 * problem:moderate). Marking spam also hides everything else the author has waiting for review
 * in this workspace. Approving clears the reports that hid it. Every decision is recorded.
 */
export async function moderateContent(
  principal: Principal,
  workspaceId: string,
  input: unknown,
): Promise<void> {
  await requirePermission(principal, workspaceId, "problem:moderate");
  const data = parseInput(moderationDecisionSchema, input);
  const table = data.targetType === "problem" ? problems : comments;
  await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ authorId: table.authorId })
      .from(table)
      .where(and(eq(table.id, data.targetId), eq(table.workspaceId, workspaceId)))
      .for("update");
    if (!target) throw new AppError("not_found", "That content was not found in this workspace.");
    const state = STATE[data.decision];
    await tx
      .update(table)
      .set({
        moderationState: state,
        moderationReason: null,
        ...(data.decision === "approve" ? { flagCount: 0 } : {}),
      })
      .where(eq(table.id, data.targetId));
    await tx
      .update(flags)
      .set({ resolvedAt: new Date() })
      .where(
        and(
          eq(flags.targetType, data.targetType),
          eq(flags.targetId, data.targetId),
          isNull(flags.resolvedAt),
        ),
      );
    if (data.decision === "spam" && target.authorId) {
      for (const other of [problems, comments]) {
        await tx
          .update(other)
          .set({ moderationState: "spam" })
          .where(
            and(
              eq(other.workspaceId, workspaceId),
              eq(other.authorId, target.authorId),
              eq(other.moderationState, "pending"),
            ),
          );
      }
    }
    await tx.insert(moderationActions).values({
      id: createId("mod"),
      workspaceId,
      actorId: principal.userId,
      action: data.decision,
      targetType: data.targetType,
      targetId: data.targetId,
      note: data.note ?? null,
    });
    await recordAudit(tx, {
      workspaceId,
      actor: actorOf(principal),
      action: AUDIT_ACTION[data.decision],
      target: { type: data.targetType, id: data.targetId },
      metadata: { authorId: target.authorId, note: data.note },
    });
  });
  await invalidateWorkspace(workspaceId);
}
