import { and, desc, eq, or } from "drizzle-orm";
import { db } from "@/lib/db";
import {
  auditLog,
  billingAccounts,
  emailOutbox,
  members,
  sessions,
  users,
  workspaces,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validation";
import type { AdminPrincipal } from "./require-platform-admin";

/** How much of each list the user page shows (every query is bounded). */
export const USER_DETAIL_LIMITS = { sessions: 50, workspaces: 50, emails: 20, audit: 30 };

/**
 * Everything the console shows about one user: profile and verified and ban state, active
 * sessions, workspaces and roles, the newest emails sent to them (the outbox), and the newest
 * audit entries they did or that were done to them. Six indexed, bounded queries.
 */
export async function getUserDetail(_admin: AdminPrincipal, userId: string) {
  const user = await loadUserProfile(userId);
  if (!user) throw new AppError("not_found", "No user has this id.");

  const [activeSessions, memberships, emails, audit] = await Promise.all([
    db
      .select({
        id: sessions.id,
        createdAt: sessions.createdAt,
        expiresAt: sessions.expiresAt,
        ipAddress: sessions.ipAddress,
        userAgent: sessions.userAgent,
        impersonatedBy: sessions.impersonatedBy,
      })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(desc(sessions.createdAt))
      .limit(USER_DETAIL_LIMITS.sessions),
    loadUserMemberships(userId, USER_DETAIL_LIMITS.workspaces),
    db
      .select({
        id: emailOutbox.id,
        template: emailOutbox.template,
        subject: emailOutbox.subject,
        status: emailOutbox.status,
        createdAt: emailOutbox.createdAt,
      })
      .from(emailOutbox)
      .where(eq(emailOutbox.to, user.email))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(USER_DETAIL_LIMITS.emails),
    db
      .select({
        id: auditLog.id,
        seq: auditLog.seq,
        action: auditLog.action,
        actorType: auditLog.actorType,
        actorId: auditLog.actorId,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        workspaceId: auditLog.workspaceId,
        metadata: auditLog.metadata,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .where(or(eq(auditLog.actorId, userId), eq(auditLog.targetId, userId)))
      .orderBy(desc(auditLog.seq))
      .limit(USER_DETAIL_LIMITS.audit),
  ]);
  return { user, sessions: activeSessions, memberships, emails, audit };
}

/** A user's profile as the console shows it (the user page and customer lookup), or null. */
export async function loadUserProfile(userId: string) {
  if (!isId(userId)) return null;
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerified: users.emailVerified,
      role: users.role,
      banned: users.banned,
      banReason: users.banReason,
      banExpires: users.banExpires,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
}

/** The workspaces a user belongs to, newest membership first, with role, plan and status. */
export async function loadUserMemberships(userId: string, limit: number) {
  return db
    .select({
      workspaceId: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      personal: workspaces.personal,
      role: members.role,
      joinedAt: members.createdAt,
      planId: billingAccounts.planId,
      status: billingAccounts.status,
    })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
    .leftJoin(billingAccounts, eq(billingAccounts.workspaceId, workspaces.id))
    .where(eq(members.userId, userId))
    .orderBy(desc(members.createdAt))
    .limit(limit);
}

export type UserMembership = Awaited<ReturnType<typeof loadUserMemberships>>[number];

/** A session of this user (never another's), or not_found. */
export async function findUserSession(userId: string, sessionId: string) {
  if (!isId(sessionId)) throw new AppError("not_found", "This session has already ended.");
  const [row] = await db
    .select({ id: sessions.id, token: sessions.token })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
  if (!row) throw new AppError("not_found", "This session has already ended.");
  return row;
}
