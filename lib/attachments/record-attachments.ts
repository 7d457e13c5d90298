import { asc, eq, inArray } from "drizzle-orm";
import { db, type Transaction } from "@/lib/db";
import { attachments } from "@/lib/db/schema";
import { enqueue } from "@/lib/jobs/enqueue";
import type { StagedAttachment } from "./stage-attachments";
import { consumeStorage, releaseStorage } from "./storage-quota";

/**
 * In the transaction that posts the problem: count the bytes against the plan's storage quota
 * (throws StorageQuotaError at the limit, and the post is rolled back) and write the rows.
 */
export async function recordAttachments(
  tx: Transaction,
  owner: { workspaceId: string; problemId: string; uploaderId: string },
  staged: StagedAttachment[],
): Promise<void> {
  if (staged.length === 0) return;
  await consumeStorage(
    tx,
    owner.workspaceId,
    staged.reduce((sum, s) => sum + s.bytes, 0),
  );
  await tx.insert(attachments).values(
    staged.map((s, position) => ({
      id: s.id,
      workspaceId: owner.workspaceId,
      problemId: owner.problemId,
      uploaderId: owner.uploaderId,
      objectPath: s.objectPath,
      thumbPath: s.thumbPath,
      contentType: s.contentType,
      bytes: s.bytes,
      width: s.width,
      height: s.height,
      alt: s.alt,
      position,
    })),
  );
}

/**
 * In the transaction that deletes problems: give their bytes back to the quota and queue the
 * removal of their files (a retried job, committed with the delete). The rows go by cascade.
 */
export async function releaseAttachmentsOf(tx: Transaction, problemIds: string[]): Promise<void> {
  if (problemIds.length === 0) return;
  const rows = await tx
    .select({
      workspaceId: attachments.workspaceId,
      objectPath: attachments.objectPath,
      thumbPath: attachments.thumbPath,
      bytes: attachments.bytes,
    })
    .from(attachments)
    .where(inArray(attachments.problemId, problemIds))
    .orderBy(asc(attachments.id));
  if (rows.length === 0) return;
  const byWorkspace = new Map<string, number>();
  for (const row of rows) {
    byWorkspace.set(row.workspaceId, (byWorkspace.get(row.workspaceId) ?? 0) + row.bytes);
  }
  for (const [workspaceId, bytes] of byWorkspace) await releaseStorage(tx, workspaceId, bytes);
  await enqueue(
    "storage.delete-objects",
    { bucket: "attachments", paths: rows.flatMap((r) => [r.objectPath, r.thumbPath]) },
    { tx },
  );
}

/** The images of a problem, in the order they were attached (for pages). */
export async function listAttachments(
  problemId: string,
  executor: Pick<Transaction, "select"> = db,
) {
  return executor
    .select({
      id: attachments.id,
      alt: attachments.alt,
      width: attachments.width,
      height: attachments.height,
      contentType: attachments.contentType,
    })
    .from(attachments)
    .where(eq(attachments.problemId, problemId))
    .orderBy(asc(attachments.position));
}

export type AttachmentSummary = Awaited<ReturnType<typeof listAttachments>>[number];
