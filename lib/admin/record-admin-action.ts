import { recordAudit, type AuditAction } from "@/lib/audit/record";
import type { Database, Transaction } from "@/lib/db";
import type { AdminPrincipal } from "./require-platform-admin";

/**
 * The audit entry of an operator action: the admin as actor, the reason they gave, and the
 * target. Account-level (no workspace), so it chains in the global chain unless a workspace is
 * named.
 */
export async function recordAdminAction(
  executor: Database | Transaction,
  admin: AdminPrincipal | { cli: true },
  entry: {
    action: AuditAction;
    target: { type: string; id: string };
    reason: string | null;
    workspaceId?: string | null;
    metadata?: Record<string, unknown>;
  },
) {
  return recordAudit(executor, {
    workspaceId: entry.workspaceId ?? null,
    actor: "cli" in admin ? { type: "system", id: "cli" } : { type: "user", id: admin.userId },
    action: entry.action,
    target: entry.target,
    metadata: { ...entry.metadata, reason: entry.reason },
  });
}
