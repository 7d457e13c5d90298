import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { getLimits } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { auditLog, users, type AuditActorType } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { now as clockNow } from "@/lib/clock";

const DAY_MS = 24 * 60 * 60 * 1000;

export const listAuditLogSchema = z.object({
  /** Opaque: the position after which the next (older) page starts. */
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, { error: "Not a valid cursor." })
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export interface AuditLogEntry {
  id: string;
  createdAt: Date;
  action: string;
  actorType: AuditActorType;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  impersonatorId: string | null;
  impersonatorName: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  metadata: Record<string, unknown>;
}

export interface AuditLogPage {
  entries: AuditLogEntry[];
  /** Pass back as `cursor` for older entries; null at the end (or the plan's retention). */
  nextCursor: string | null;
  /** How far back the plan lets the workspace look, in days (Infinity: no limit). */
  retentionDays: number;
}

/**
 * A workspace's audit trail, newest first (members with auditlog:read). The plan decides how far
 * back it reaches: Free has none, Pro 30 days, Team a year.
 */
export async function listAuditLog(
  principal: Principal,
  workspaceId: string,
  options: unknown = {},
): Promise<AuditLogPage> {
  await requirePermission(principal, workspaceId, "auditlog:read");
  const { cursor, limit } = parseInput(listAuditLogSchema, options);
  const { limits, planName } = await getLimits(workspaceId);
  const retentionDays = limits.auditLogDays;
  if (retentionDays <= 0) {
    throw new AppError(
      "forbidden",
      `The ${planName} plan has no audit log. Upgrade to Pro or Team to keep one.`,
    );
  }

  const conditions: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
  if (Number.isFinite(retentionDays)) {
    conditions.push(
      gte(auditLog.createdAt, new Date(clockNow().getTime() - retentionDays * DAY_MS)),
    );
  }
  if (cursor) conditions.push(lt(auditLog.seq, Number(cursor)));
  const actor = alias(users, "actor");
  const impersonator = alias(users, "impersonator");
  const rows = await db
    .select({
      seq: auditLog.seq,
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      action: auditLog.action,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      actorName: actor.name,
      actorEmail: actor.email,
      impersonatorId: auditLog.impersonatorId,
      impersonatorName: impersonator.name,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      requestId: auditLog.requestId,
      metadata: auditLog.metadata,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(impersonator, eq(impersonator.id, auditLog.impersonatorId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1);

  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    entries: page.map(({ seq: _seq, ...entry }) => entry),
    nextCursor: more ? String(page.at(-1)!.seq) : null,
    retentionDays,
  };
}
