import { and, eq } from "drizzle-orm";
import { actorOf, recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { members, workspaces } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validation";
import { hasConsoleAccess } from "./console-access";
import { hasPermission, isRole, type Permission, type Role } from "./permissions";
import type { Principal } from "./principal";
import { logger } from "@/lib/observability/logger";

export interface Membership {
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
  personal: boolean;
  role: Role;
}

/** The principal's membership in a workspace, or null when they are not a member. */
export async function findMembership(
  principal: Principal,
  workspaceId: string,
): Promise<Membership | null> {
  if (!isId(workspaceId)) return null; // a stray value from a request: no such workspace
  const [row] = await db
    .select({
      workspaceId: workspaces.id,
      workspaceSlug: workspaces.slug,
      workspaceName: workspaces.name,
      personal: workspaces.personal,
      role: members.role,
    })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
    .where(and(eq(members.userId, principal.userId), eq(members.organizationId, workspaceId)));
  if (!row || !isRole(row.role)) return null;
  return { ...row, role: row.role };
}

/**
 * The one check domain code calls before acting in a workspace. A non-member gets not_found
 * (the workspace's existence is not revealed); a member whose role lacks the permission gets
 * forbidden (and the refusal is recorded in the audit trail). The operator console (a principal
 * the console's wall checked, ./console-access.ts) may moderate in any workspace.
 */
export async function requirePermission(
  principal: Principal,
  workspaceId: string,
  permission: Permission,
): Promise<Membership> {
  if (hasConsoleAccess(principal, permission)) return consoleMembership(workspaceId);
  const membership = await findMembership(principal, workspaceId);
  if (!membership) throw new AppError("not_found", "Workspace not found.");
  if (!hasPermission(membership.role, permission)) {
    // Best effort: a failure to record must not turn the refusal into a 500.
    await recordAudit(db, {
      workspaceId,
      actor: actorOf(principal),
      action: "permission.denied",
      metadata: { permission, role: membership.role },
    }).catch((error: unknown) =>
      logger.error({ error: String(error) }, "audit: permission.denied not recorded"),
    );
    throw new AppError(
      "forbidden",
      `Your role (${membership.role}) cannot do this: ${permission}.`,
    );
  }
  return membership;
}

/** The console acting in a workspace it is not a member of: as an admin of it, if it exists. */
async function consoleMembership(workspaceId: string): Promise<Membership> {
  const [row] = isId(workspaceId)
    ? await db
        .select({
          workspaceId: workspaces.id,
          workspaceSlug: workspaces.slug,
          workspaceName: workspaces.name,
          personal: workspaces.personal,
        })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId))
    : [];
  if (!row) throw new AppError("not_found", "Workspace not found.");
  return { ...row, role: "admin" };
}
