import { eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { attachments } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { loadProblem } from "@/lib/problems/load-problem";
import { createSignedUrl } from "@/lib/storage/objects";
import { isId } from "@/lib/validation";

export type AttachmentVariant = "full" | "thumb";

/**
 * A signed URL (valid 60 s) for one attachment, issued only to a viewer who may see its problem
 * (public board, or a member of the workspace for a private board; held problems only for their
 * author and moderators). Anything else, a guessed id included, is "not found".
 */
export async function getAttachmentUrl(
  viewer: Principal | null,
  attachmentId: string,
  variant: AttachmentVariant = "full",
): Promise<string> {
  const notFound = new AppError("not_found", "Image not found.");
  if (!isId(attachmentId) || !attachmentId.startsWith("att_")) throw notFound;
  const [row] = await db.select().from(attachments).where(eq(attachments.id, attachmentId));
  if (!row) throw notFound;
  const access = await loadProblem(viewer, row.problemId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") throw notFound;
    throw error;
  });
  // The row's own workspace must be the problem's: a path is never signed across workspaces.
  if (
    access.problem.workspaceId !== row.workspaceId ||
    !row.objectPath.startsWith(`${row.workspaceId}/`)
  ) {
    throw notFound;
  }
  return createSignedUrl("attachments", variant === "thumb" ? row.thumbPath : row.objectPath, 60);
}
