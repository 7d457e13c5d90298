import { desc, eq, or, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import {
  auditLog,
  billingAccounts,
  members,
  stripeEvents,
  subscriptionHistory,
  users,
  workspaces,
} from "@/lib/db/schema";
import { isId } from "@/lib/validation";
import { loadUserMemberships, loadUserProfile } from "./get-user-detail";
import type { AdminPrincipal } from "./require-platform-admin";

export const LOOKUP_LIMITS = { workspaces: 20, history: 30, events: 20, audit: 20, members: 20 };

export type LookupMatch =
  { kind: "user"; userId: string } | { kind: "workspace"; workspaceId: string } | { kind: "none" };

const STRIPE_ID = /^(cus|sub)_[A-Za-z0-9_]{1,255}$/;

/**
 * What one search box means: an email (exact, any case), a user id (`usr_…`), a workspace id
 * (`ws_…`), a Stripe customer id (`cus_…`, the current one of a workspace) or subscription
 * id (`sub_…`). One indexed query.
 */
export async function resolveLookup(_admin: AdminPrincipal, raw: string): Promise<LookupMatch> {
  const q = raw.trim();
  if (!q || q.length > 320) return { kind: "none" };
  if (q.includes("@")) {
    const [user] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${q})`);
    return user ? { kind: "user", userId: user.id } : { kind: "none" };
  }
  if (STRIPE_ID.test(q)) {
    const column = q.startsWith("cus_")
      ? billingAccounts.stripeCustomerId
      : billingAccounts.stripeSubscriptionId;
    const [account] = await db
      .select({ workspaceId: billingAccounts.workspaceId })
      .from(billingAccounts)
      .where(eq(column, q))
      .limit(1);
    return account ? { kind: "workspace", workspaceId: account.workspaceId } : { kind: "none" };
  }
  if (!isId(q)) return { kind: "none" };
  if (q.startsWith("usr_")) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, q));
    return user ? { kind: "user", userId: user.id } : { kind: "none" };
  }
  if (q.startsWith("ws_")) {
    const [workspace] = await db
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, q));
    return workspace ? { kind: "workspace", workspaceId: workspace.id } : { kind: "none" };
  }
  return { kind: "none" };
}

/** A user's account and the workspaces they belong to, with each one's plan. */
export async function getUserCustomerView(_admin: AdminPrincipal, userId: string) {
  const user = await loadUserProfile(userId);
  if (!user) return null;
  const memberships = await loadUserMemberships(userId, LOOKUP_LIMITS.workspaces);
  return { user, memberships };
}

/**
 * Everything about one workspace as a customer: the account, its members, the billing account
 * (plan, status, seats, Stripe ids), the subscription history timeline, the Stripe events
 * received for it, and its audit entries. Five bounded, indexed queries (the workspace with its
 * billing account, then four at once).
 */
export async function getWorkspaceCustomerView(_admin: AdminPrincipal, workspaceId: string) {
  if (!isId(workspaceId)) return null;
  const [row] = await db
    .select({
      workspace: {
        id: workspaces.id,
        name: workspaces.name,
        slug: workspaces.slug,
        personal: workspaces.personal,
        createdAt: workspaces.createdAt,
      },
      account: billingAccounts,
    })
    .from(workspaces)
    .leftJoin(billingAccounts, eq(billingAccounts.workspaceId, workspaces.id))
    .where(eq(workspaces.id, workspaceId));
  if (!row) return null;
  const { workspace, account } = row;
  const [people, history, events, audit] = await Promise.all([
    db
      .select({ userId: users.id, name: users.name, email: users.email, role: members.role })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.organizationId, workspaceId))
      .orderBy(desc(members.createdAt))
      .limit(LOOKUP_LIMITS.members),
    db
      .select({
        id: subscriptionHistory.id,
        effectiveAt: subscriptionHistory.effectiveAt,
        planId: subscriptionHistory.planId,
        status: subscriptionHistory.status,
        seats: subscriptionHistory.seats,
        mrrCents: subscriptionHistory.mrrCents,
        movement: subscriptionHistory.movement,
        reason: subscriptionHistory.reason,
      })
      .from(subscriptionHistory)
      .where(eq(subscriptionHistory.workspaceId, workspaceId))
      .orderBy(desc(subscriptionHistory.effectiveAt))
      .limit(LOOKUP_LIMITS.history),
    db
      .select({
        id: stripeEvents.id,
        type: stripeEvents.type,
        status: stripeEvents.status,
        createdAt: stripeEvents.createdAt,
        lastError: stripeEvents.lastError,
      })
      .from(stripeEvents)
      .where(eq(stripeEvents.workspaceId, workspaceId))
      .orderBy(desc(stripeEvents.createdAt))
      .limit(LOOKUP_LIMITS.events),
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        actorType: auditLog.actorType,
        actorId: auditLog.actorId,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        metadata: auditLog.metadata,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      // The workspace's own trail, and console actions on it (those chain globally).
      .where(or(eq(auditLog.workspaceId, workspaceId), eq(auditLog.targetId, workspaceId)))
      .orderBy(desc(auditLog.seq))
      .limit(LOOKUP_LIMITS.audit),
  ]);
  return { workspace, account, people, history, events, audit };
}
