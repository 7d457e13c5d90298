import { eq, sql } from "drizzle-orm";
import { getLimits } from "@/lib/billing/entitlements";
import { formatBytes } from "@/lib/billing/plans";
import { db, type Transaction } from "@/lib/db";
import { storageUsage } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

/**
 * The per-plan attachment storage quota (plan catalog `storageBytes`), counted like the other
 * limits: a conditional upsert in the transaction that records the files, so of many concurrent
 * uploads at the limit exactly the ones that fit win, and none goes over.
 */

export class StorageQuotaError extends AppError {
  constructor(planName: string, limit: number, used: number, adding: number) {
    const message =
      limit === 0
        ? `The ${planName} plan doesn't include attachment storage.`
        : `The ${planName} plan includes ${formatBytes(limit)} of attachment storage; ${formatBytes(Math.min(used, limit))} is used and these images need ${formatBytes(adding)}. Remove attachments or upgrade for more.`;
    super("limit_reached", message, { images: [message] });
  }
}

/** Count `bytes` more against the workspace's quota, or throw StorageQuotaError (nothing counted). */
export async function consumeStorage(
  tx: Transaction,
  workspaceId: string,
  bytes: number,
): Promise<{ used: number; limit: number }> {
  const { limits, planName } = await getLimits(workspaceId, tx);
  const limit = limits.storageBytes;
  const bounded =
    limit === Infinity ? sql`` : sql`where ${storageUsage.bytes} + excluded.bytes <= ${limit}`;
  if (bytes > limit) throw new StorageQuotaError(planName, limit, 0, bytes);
  const rows = await tx.execute<{ bytes: string | number }>(sql`
    insert into storage_usage (workspace_id, bytes) values (${workspaceId}, ${bytes})
    on conflict (workspace_id) do update set bytes = storage_usage.bytes + excluded.bytes ${bounded}
    returning bytes`);
  const used = rows[0]?.bytes;
  if (used === undefined) {
    throw new StorageQuotaError(planName, limit, await storageUsed(workspaceId, tx), bytes);
  }
  return { used: Number(used), limit };
}

/** Give back `bytes` (files deleted), in the transaction that deletes their rows. */
export async function releaseStorage(tx: Transaction, workspaceId: string, bytes: number) {
  if (bytes <= 0) return;
  await tx
    .update(storageUsage)
    .set({ bytes: sql`greatest(${storageUsage.bytes} - ${bytes}, 0)` })
    .where(eq(storageUsage.workspaceId, workspaceId));
}

/** Bytes in use now. */
export async function storageUsed(
  workspaceId: string,
  executor: Transaction | typeof db = db,
): Promise<number> {
  const [row] = await executor
    .select({ bytes: storageUsage.bytes })
    .from(storageUsage)
    .where(eq(storageUsage.workspaceId, workspaceId));
  return row?.bytes ?? 0;
}

/** The storage meter for the billing page. */
export async function storageMeter(workspaceId: string) {
  const { limits } = await getLimits(workspaceId);
  return { used: await storageUsed(workspaceId), limit: limits.storageBytes };
}
