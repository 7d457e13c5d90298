import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Principal } from "@/lib/auth/principal";
import type { Database, Transaction } from "@/lib/db";
import { auditLog, type AuditActorType, type AuditLogRow } from "@/lib/db/schema";
import { createId } from "@/lib/ids";
import { hashAuditRow, lockChainHead, type HashedFields } from "./chain";
import { requestAuditContext, type AuditRequestContext } from "./context";

/** Every action the trail records. Names are stable: filters and exports depend on them. */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "auth.password_changed",
  "auth.password_reset",
  "auth.email_changed",
  "auth.session_revoked",
  "admin.impersonation_started",
  "admin.impersonation_stopped",
  "admin.role_granted",
  "admin.role_revoked",
  "admin.user_banned",
  "admin.user_unbanned",
  "admin.session_revoked",
  "admin.sessions_revoked",
  "admin.verification_resent",
  "admin.job_retried",
  "admin.job_discarded",
  "admin.webhook_replayed",
  "admin.subscription_canceled",
  "admin.trial_extended",
  "admin.coupon_applied",
  "admin.refund_issued",
  "admin.plan_switched",
  "admin.enterprise_contract_granted",
  "workspace.created",
  "board.created",
  "board.updated",
  "board.archived",
  "board.restored",
  "board.deleted",
  "member.invited",
  "member.invitation_canceled",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "member.left",
  "billing.subscription_changed",
  "billing.customer_conflict",
  "moderation.approved",
  "moderation.rejected",
  "moderation.marked_spam",
  "moderation.author_banned",
  "moderation.author_unbanned",
  "permission.denied",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  type: AuditActorType;
  /** The user (for `admin`: the impersonated user), API key or job; null when unknown. */
  id: string | null;
  /** The platform admin behind an impersonated session. */
  impersonatorId?: string | null;
}

export interface AuditEntry {
  /** null for account-level events (they chain in the global chain). */
  workspaceId: string | null;
  actor: AuditActor;
  action: AuditAction;
  target?: { type: string; id: string } | null;
  /** Facts worth keeping about the event. Never secrets: no passwords, tokens or keys. */
  metadata?: Record<string, unknown>;
  /** Where it came from; by default the current request's (all null outside a request). */
  context?: AuditRequestContext;
}

/** The system itself: webhooks, jobs, reconciliation. */
export const SYSTEM_ACTOR: AuditActor = { type: "system", id: "system" };

/** The actor behind a principal: the user, or an admin impersonating them. */
export function actorOf(principal: Principal): AuditActor {
  return principal.impersonatorId
    ? { type: "admin", id: principal.userId, impersonatorId: principal.impersonatorId }
    : { type: "user", id: principal.userId };
}

/**
 * Append an entry to its workspace's chain. Pass the transaction of the action being recorded,
 * so the entry commits or rolls back with it; given the database instead, it opens its own.
 * Appends to one chain are serialised by a transaction-level advisory lock held until commit,
 * so call this last in the transaction (it then never waits while holding other locks).
 */
export async function recordAudit(
  executor: Database | Transaction,
  entry: AuditEntry,
): Promise<AuditLogRow> {
  const context = entry.context ?? (await requestAuditContext());
  if (is(executor, PgTransaction)) return append(executor as Transaction, entry, context);
  return executor.transaction((tx) => append(tx, entry, context));
}

async function append(
  tx: Transaction,
  entry: AuditEntry,
  context: AuditRequestContext,
): Promise<AuditLogRow> {
  const prevHash = await lockChainHead(tx, entry.workspaceId);
  const fields: HashedFields = {
    id: createId("aud"),
    workspaceId: entry.workspaceId,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    impersonatorId: entry.actor.impersonatorId ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: context.ip,
    userAgent: context.userAgent,
    requestId: context.requestId,
    createdAt: new Date(),
    // As jsonb will hand it back: dates as strings, undefined dropped.
    metadata: JSON.parse(JSON.stringify(entry.metadata ?? {})) as Record<string, unknown>,
  };
  const [row] = await tx
    .insert(auditLog)
    .values({ ...fields, prevHash, hash: hashAuditRow(prevHash, fields) })
    .returning();
  if (!row) throw new Error("recordAudit: insert returned no row");
  return row;
}
