import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import {
  boards,
  comments,
  moderationActions,
  moderationSettings,
  problems,
  users,
  workspaces,
} from "@/lib/db/schema";
import { parseInput, userText } from "@/lib/validation";
import { getModerationSettings } from "./decide-moderation";

export interface QueueItem {
  targetType: "problem" | "comment";
  id: string;
  problemId: string;
  title: string;
  body: string;
  reason: string | null;
  flagCount: number;
  authorId: string | null;
  authorName: string | null;
  authorEmail: string | null;
  boardName: string;
  boardSlug: string;
  createdAt: Date;
}

/** Everything waiting for review in a workspace, oldest first (members with problem:moderate). */
export async function listModerationQueue(
  principal: Principal,
  workspaceId: string,
): Promise<QueueItem[]> {
  await requirePermission(principal, workspaceId, "problem:moderate");
  return listHeldContent(workspaceId, 200);
}

/**
 * Problems and comments held for review, oldest first: in one workspace, or in every workspace
 * (`null`, the platform console). At most `limit` of each kind. No permission check: callers
 * authorize first (listModerationQueue, lib/admin/moderation-console.ts).
 */
export async function listHeldContent(workspaceId: string | null, limit: number) {
  const inScope = (column: AnyPgColumn) =>
    workspaceId === null ? undefined : eq(column, workspaceId);
  const shared = {
    authorName: users.name,
    authorEmail: users.email,
    workspaceId: workspaces.id,
    workspaceName: workspaces.name,
    workspaceSlug: workspaces.slug,
    boardName: boards.name,
    boardSlug: boards.slug,
  };
  const [heldProblems, heldComments] = await Promise.all([
    db
      .select({
        id: problems.id,
        problemId: problems.id,
        title: problems.title,
        body: problems.body,
        reason: problems.moderationReason,
        flagCount: problems.flagCount,
        authorId: problems.authorId,
        createdAt: problems.createdAt,
        ...shared,
      })
      .from(problems)
      .innerJoin(workspaces, eq(workspaces.id, problems.workspaceId))
      .innerJoin(boards, eq(boards.id, problems.boardId))
      .leftJoin(users, eq(users.id, problems.authorId))
      .where(and(eq(problems.moderationState, "pending"), inScope(problems.workspaceId)))
      .orderBy(asc(problems.createdAt))
      .limit(limit),
    db
      .select({
        id: comments.id,
        problemId: comments.problemId,
        title: problems.title,
        body: comments.body,
        reason: comments.moderationReason,
        flagCount: comments.flagCount,
        authorId: comments.authorId,
        createdAt: comments.createdAt,
        ...shared,
      })
      .from(comments)
      .innerJoin(problems, eq(problems.id, comments.problemId))
      .innerJoin(workspaces, eq(workspaces.id, comments.workspaceId))
      .innerJoin(boards, eq(boards.id, problems.boardId))
      .leftJoin(users, eq(users.id, comments.authorId))
      .where(
        and(
          eq(comments.moderationState, "pending"),
          isNull(comments.deletedAt),
          inScope(comments.workspaceId),
        ),
      )
      .orderBy(asc(comments.createdAt))
      .limit(limit),
  ]);
  return [
    ...heldProblems.map((p) => ({ ...p, targetType: "problem" as const })),
    ...heldComments.map((c) => ({ ...c, targetType: "comment" as const })),
  ].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** How many problems and comments wait for review (for the navigation badge). */
export async function countPendingModeration(
  principal: Principal,
  workspaceId: string,
): Promise<number> {
  await requirePermission(principal, workspaceId, "problem:moderate");
  const [held] = await db
    .select({ n: count() })
    .from(problems)
    .where(and(eq(problems.workspaceId, workspaceId), eq(problems.moderationState, "pending")));
  const [heldComments] = await db
    .select({ n: count() })
    .from(comments)
    .where(
      and(
        eq(comments.workspaceId, workspaceId),
        eq(comments.moderationState, "pending"),
        isNull(comments.deletedAt),
      ),
    );
  return (held?.n ?? 0) + (heldComments?.n ?? 0);
}

/** The latest moderation decisions in a workspace: who did what, when. */
export async function listModerationLog(principal: Principal, workspaceId: string, limit = 50) {
  await requirePermission(principal, workspaceId, "problem:moderate");
  return db
    .select({
      id: moderationActions.id,
      action: moderationActions.action,
      targetType: moderationActions.targetType,
      targetId: moderationActions.targetId,
      note: moderationActions.note,
      actorName: users.name,
      createdAt: moderationActions.createdAt,
    })
    .from(moderationActions)
    .leftJoin(users, eq(users.id, moderationActions.actorId))
    .where(eq(moderationActions.workspaceId, workspaceId))
    .orderBy(desc(moderationActions.createdAt))
    .limit(limit);
}

export const moderationSettingsSchema = z.object({
  blockedWords: z
    .array(
      userText({
        min: 1,
        max: 60,
        tooShort: "Enter a word.",
        tooLong: "Each word: at most 60 characters.",
      }).toLowerCase(),
    )
    .max(500, "At most 500 blocked words.")
    .default([]),
  maxLinks: z.coerce.number().int("Use a whole number.").min(0).max(50).default(3),
  flagThreshold: z.coerce.number().int("Use a whole number.").min(1).max(100).default(3),
});

export async function getWorkspaceModerationSettings(principal: Principal, workspaceId: string) {
  await requirePermission(principal, workspaceId, "problem:moderate");
  return getModerationSettings(db, workspaceId);
}

/** Blocked words, link limit and report threshold (members with problem:moderate). */
export async function updateModerationSettings(
  principal: Principal,
  workspaceId: string,
  input: unknown,
) {
  await requirePermission(principal, workspaceId, "problem:moderate");
  const data = parseInput(moderationSettingsSchema, input);
  const values = { ...data, blockedWords: [...new Set(data.blockedWords)] };
  await db
    .insert(moderationSettings)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: moderationSettings.workspaceId, set: values });
  return values;
}
