import { and, desc, eq } from "drizzle-orm";
import { actorOf, recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db, type Database, type Transaction } from "@/lib/db";
import {
  comments,
  members,
  moderationActions,
  problems,
  users,
  workspaceBans,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { invalidateWorkspace } from "@/lib/cache/tags";

export async function isBanned(
  workspaceId: string,
  userId: string,
  tx: Database | Transaction = db,
): Promise<boolean> {
  const [ban] = await tx
    .select({ userId: workspaceBans.userId })
    .from(workspaceBans)
    .where(and(eq(workspaceBans.workspaceId, workspaceId), eq(workspaceBans.userId, userId)));
  return Boolean(ban);
}

/** Refuse a banned author: they may read, but not post, vote, comment or flag. */
export async function assertNotBanned(
  workspaceId: string,
  userId: string,
  tx: Database | Transaction = db,
): Promise<void> {
  if (await isBanned(workspaceId, userId, tx)) {
    throw new AppError("forbidden", "You can no longer post on this workspace's boards.");
  }
}

/**
 * Ban an author from the workspace's boards; their pending content becomes spam. Members
 * cannot be banned (remove them from the workspace instead).
 */
export async function banAuthor(
  principal: Principal,
  workspaceId: string,
  userId: string,
  reason?: string,
): Promise<void> {
  await requirePermission(principal, workspaceId, "problem:moderate");
  if (reason !== undefined && reason.length > 500) {
    throw new AppError("validation_failed", "Check the highlighted fields.", {
      reason: ["Use at most 500 characters."],
    });
  }
  const [member] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.organizationId, workspaceId), eq(members.userId, userId)));
  if (member) {
    throw new AppError("conflict", "Members can't be banned. Remove them from the workspace.");
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(workspaceBans)
      .values({ workspaceId, userId, bannedBy: principal.userId, reason: reason ?? null })
      .onConflictDoNothing();
    await tx
      .update(problems)
      .set({ moderationState: "spam" })
      .where(
        and(
          eq(problems.workspaceId, workspaceId),
          eq(problems.authorId, userId),
          eq(problems.moderationState, "pending"),
        ),
      );
    await tx
      .update(comments)
      .set({ moderationState: "spam" })
      .where(
        and(
          eq(comments.workspaceId, workspaceId),
          eq(comments.authorId, userId),
          eq(comments.moderationState, "pending"),
        ),
      );
    await tx.insert(moderationActions).values({
      id: createId("mod"),
      workspaceId,
      actorId: principal.userId,
      action: "ban",
      targetType: "user",
      targetId: userId,
      note: reason ?? null,
    });
    await recordAudit(tx, {
      workspaceId,
      actor: actorOf(principal),
      action: "moderation.author_banned",
      target: { type: "user", id: userId },
      metadata: { reason },
    });
  });
  await invalidateWorkspace(workspaceId);
}

export async function unbanAuthor(
  principal: Principal,
  workspaceId: string,
  userId: string,
): Promise<void> {
  await requirePermission(principal, workspaceId, "problem:moderate");
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(workspaceBans)
      .where(and(eq(workspaceBans.workspaceId, workspaceId), eq(workspaceBans.userId, userId)))
      .returning();
    if (removed.length === 0) throw new AppError("not_found", "That author is not banned.");
    await tx.insert(moderationActions).values({
      id: createId("mod"),
      workspaceId,
      actorId: principal.userId,
      action: "unban",
      targetType: "user",
      targetId: userId,
    });
    await recordAudit(tx, {
      workspaceId,
      actor: actorOf(principal),
      action: "moderation.author_unbanned",
      target: { type: "user", id: userId },
    });
  });
}

/** Authors banned from the workspace's boards, newest first (members with problem:moderate). */
export async function listBans(principal: Principal, workspaceId: string) {
  await requirePermission(principal, workspaceId, "problem:moderate");
  return db
    .select({
      userId: workspaceBans.userId,
      name: users.name,
      email: users.email,
      reason: workspaceBans.reason,
      createdAt: workspaceBans.createdAt,
    })
    .from(workspaceBans)
    .innerJoin(users, eq(users.id, workspaceBans.userId))
    .where(eq(workspaceBans.workspaceId, workspaceId))
    .orderBy(desc(workspaceBans.createdAt));
}
