import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
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
import { isId, parseInput, userText } from "@/lib/validation";

const banInputSchema = z.object({
  reason: userText({ max: 500 }).optional(),
});

const NOT_AN_AUTHOR = "Only people who have posted a problem or a comment here can be banned.";

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
  const note = parseInput(banInputSchema, { reason }).reason || null;
  if (!isId(userId)) {
    throw new AppError("validation_failed", NOT_AN_AUTHOR, { userId: [NOT_AN_AUTHOR] });
  }
  const [member] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.organizationId, workspaceId), eq(members.userId, userId)));
  if (member) {
    throw new AppError("conflict", "Members can't be banned. Remove them from the workspace.");
  }
  // Only an author the workspace already knows: banning any account would tell whether it
  // exists, and put its name on the ban list.
  if (!(await hasPostedIn(workspaceId, userId))) {
    throw new AppError("validation_failed", NOT_AN_AUTHOR, { userId: [NOT_AN_AUTHOR] });
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(workspaceBans)
      .values({ workspaceId, userId, bannedBy: principal.userId, reason: note })
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
      note,
    });
    await recordAudit(tx, {
      workspaceId,
      actor: actorOf(principal),
      action: "moderation.author_banned",
      target: { type: "user", id: userId },
      metadata: { reason: note ?? undefined },
    });
  });
  await invalidateWorkspace(workspaceId);
}

/** Lift a ban; the optional reason goes into the moderation log and the audit trail. */
export async function unbanAuthor(
  principal: Principal,
  workspaceId: string,
  userId: string,
  reason?: string,
): Promise<void> {
  await requirePermission(principal, workspaceId, "problem:moderate");
  const note = parseInput(banInputSchema, { reason }).reason || null;
  if (!isId(userId)) throw new AppError("not_found", "That author is not banned.");
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
      note,
    });
    await recordAudit(tx, {
      workspaceId,
      actor: actorOf(principal),
      action: "moderation.author_unbanned",
      target: { type: "user", id: userId },
      ...(note ? { metadata: { reason: note } } : {}),
    });
  });
}

/** Whether the user has posted a problem or a comment (any state) in the workspace. */
async function hasPostedIn(workspaceId: string, userId: string): Promise<boolean> {
  const [row] = await db.execute<{ posted: boolean }>(sql`select
    exists (select 1 from ${problems}
      where ${problems.workspaceId} = ${workspaceId} and ${problems.authorId} = ${userId})
    or exists (select 1 from ${comments}
      where ${comments.workspaceId} = ${workspaceId} and ${comments.authorId} = ${userId})
    as posted`);
  return Boolean(row?.posted);
}

export interface BanEntry {
  userId: string;
  /** The name their posts show; null if nothing of theirs is left in the workspace. */
  name: string | null;
  /** Only for someone who is (again) a member, whose address the team already sees. */
  email: string | null;
  reason: string | null;
  createdAt: Date;
}

/**
 * Authors banned from the workspace's boards, newest first (members with problem:moderate). It
 * shows only what the workspace already knows of them: the name on their posts, never an email
 * address (unless they are a member).
 */
export async function listBans(principal: Principal, workspaceId: string): Promise<BanEntry[]> {
  await requirePermission(principal, workspaceId, "problem:moderate");
  const posted = sql<boolean>`(exists (select 1 from ${problems}
      where ${problems.workspaceId} = ${workspaceBans.workspaceId}
        and ${problems.authorId} = ${workspaceBans.userId})
    or exists (select 1 from ${comments}
      where ${comments.workspaceId} = ${workspaceBans.workspaceId}
        and ${comments.authorId} = ${workspaceBans.userId}))`;
  const rows = await db
    .select({
      userId: workspaceBans.userId,
      name: users.name,
      email: users.email,
      member: members.id,
      posted,
      reason: workspaceBans.reason,
      createdAt: workspaceBans.createdAt,
    })
    .from(workspaceBans)
    .leftJoin(users, eq(users.id, workspaceBans.userId))
    .leftJoin(
      members,
      and(
        eq(members.organizationId, workspaceBans.workspaceId),
        eq(members.userId, workspaceBans.userId),
      ),
    )
    .where(eq(workspaceBans.workspaceId, workspaceId))
    .orderBy(desc(workspaceBans.createdAt));
  return rows.map((row) => ({
    userId: row.userId,
    name: row.posted || row.member ? row.name : null,
    email: row.member ? row.email : null,
    reason: row.reason,
    createdAt: row.createdAt,
  }));
}
