import { createHash } from "node:crypto";
import { and, asc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "@/lib/db";
import { auditLog, type AuditLogRow } from "@/lib/db/schema";

/**
 * The hash chain shared by recording and verifying. Each workspace has its own chain, and
 * account-level events (no workspace) share the global chain. A row's hash is
 * sha256(prev_hash || canonical JSON of its fields); the first row of a chain follows GENESIS_HASH.
 */

export const GENESIS_HASH = "0".repeat(64);

/** The fields a row's hash covers, in this order. `seq` is not hashed: the prev_hash links order the chain. */
export type HashedFields = Pick<
  AuditLogRow,
  | "id"
  | "workspaceId"
  | "actorType"
  | "actorId"
  | "impersonatorId"
  | "action"
  | "targetType"
  | "targetId"
  | "ip"
  | "userAgent"
  | "requestId"
  | "createdAt"
  | "metadata"
>;

const HASHED_FIELDS = [
  "id",
  "workspaceId",
  "actorType",
  "actorId",
  "impersonatorId",
  "action",
  "targetType",
  "targetId",
  "ip",
  "userAgent",
  "requestId",
  "createdAt",
  "metadata",
] as const satisfies readonly (keyof HashedFields)[];

/**
 * JSON with object keys sorted at every level, dates as ISO strings and undefined dropped, so the
 * same value always gives the same text (jsonb does not keep key order).
 */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
}

/** The canonical text of a row's hashed fields, in the fixed order above. */
export function canonicalRow(row: HashedFields): string {
  return `{${HASHED_FIELDS.map((field) => `${JSON.stringify(field)}:${canonicalJson(row[field])}`).join(",")}}`;
}

export function hashAuditRow(prevHash: string, row: HashedFields): string {
  return createHash("sha256").update(prevHash).update(canonicalRow(row)).digest("hex");
}

/** The chain a row belongs to: its workspace, or the global chain for null. */
export function chainCondition(workspaceId: string | null): SQL {
  return workspaceId === null
    ? isNull(auditLog.workspaceId)
    : eq(auditLog.workspaceId, workspaceId);
}

/**
 * Lock the chain until the transaction ends and read its head, in one round trip (the database
 * function `audit_chain_head` does both, the read after the lock is granted). Returns the hash of
 * the chain's newest row, or the genesis hash for an empty chain.
 */
export async function lockChainHead(tx: Transaction, workspaceId: string | null): Promise<string> {
  const key = `audit:${workspaceId ?? "global"}`;
  const [row] = await tx.execute<{ head: string | null }>(
    sql`select audit_chain_head(${key}, ${workspaceId}) as head`,
  );
  return row?.head ?? GENESIS_HASH;
}

/** One page of a chain in append order, after `afterSeq`. */
export async function chainPage(
  executor: Database | Transaction,
  workspaceId: string | null,
  afterSeq: number,
  limit: number,
): Promise<AuditLogRow[]> {
  return executor
    .select()
    .from(auditLog)
    .where(and(chainCondition(workspaceId), gt(auditLog.seq, afterSeq)))
    .orderBy(asc(auditLog.seq))
    .limit(limit);
}
