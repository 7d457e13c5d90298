import "server-only";
import { enqueue } from "@/lib/jobs/enqueue";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { logger } from "@/lib/observability/logger";
import { storageConfigured } from "@/lib/storage/client";
import { putObject, removeObjects } from "@/lib/storage/objects";
import { MAX_ALT_LENGTH, MAX_ATTACHMENTS_PER_POST } from "./limits";
import { IMAGES_FIELD, processImage } from "./process-image";

/** An image as it arrived from a form or the API. */
export interface ImageUpload {
  name: string;
  bytes: Uint8Array;
  /** What the image shows, for people who can't see it. */
  alt?: string;
}

/** An image checked, re-encoded and stored, waiting for its row (recordAttachments). */
export interface StagedAttachment {
  id: string;
  objectPath: string;
  thumbPath: string;
  contentType: string;
  bytes: number;
  width: number;
  height: number;
  alt: string;
}

/**
 * Before the transaction that posts: check every image, re-encode it and store it with its
 * thumbnail. Any bad image refuses the whole post (4xx naming the file) before anything is
 * stored; if storing fails part-way, what was stored is removed again.
 */
export async function stageAttachments(
  workspaceId: string,
  uploads: ImageUpload[],
  fallbackAlt: (index: number) => string,
): Promise<StagedAttachment[]> {
  if (uploads.length === 0) return [];
  if (uploads.length > MAX_ATTACHMENTS_PER_POST) {
    const message = `Attach at most ${MAX_ATTACHMENTS_PER_POST} images to one post (you chose ${uploads.length}).`;
    throw new AppError("validation_failed", message, { [IMAGES_FIELD]: [message] });
  }
  if (!storageConfigured()) {
    throw new AppError("unavailable", "Image attachments are not available on this server.", {
      [IMAGES_FIELD]: ["Image attachments are not available on this server."],
    });
  }
  const processed = [];
  for (const upload of uploads) processed.push(await processImage(upload.name, upload.bytes));

  const staged: StagedAttachment[] = [];
  try {
    for (const [index, image] of processed.entries()) {
      const id = createId("att");
      const objectPath = `${workspaceId}/${id}.${image.extension}`;
      const thumbPath = `${workspaceId}/${id}-thumb.webp`;
      await putObject("attachments", objectPath, image.image, { contentType: image.contentType });
      staged.push({
        id,
        objectPath,
        thumbPath,
        contentType: image.contentType,
        bytes: image.image.byteLength + image.thumbnail.byteLength,
        width: image.width,
        height: image.height,
        alt: (uploads[index]!.alt ?? "").trim().slice(0, MAX_ALT_LENGTH) || fallbackAlt(index),
      });
      await putObject("attachments", thumbPath, image.thumbnail, { contentType: "image/webp" });
    }
  } catch (error) {
    await discardStaged(staged);
    throw error;
  }
  return staged;
}

/**
 * The post did not happen (quota, validation, a failed transaction): remove its files now, or
 * through the retried job when storage does not answer.
 */
export async function discardStaged(staged: StagedAttachment[]): Promise<void> {
  if (staged.length === 0) return;
  const paths = staged.flatMap((s) => [s.objectPath, s.thumbPath]);
  try {
    await removeObjects("attachments", paths);
  } catch {
    await enqueue("storage.delete-objects", { bucket: "attachments", paths }).catch(
      (error: unknown) => logger.error({ err: error, paths }, "could not queue file removal"),
    );
  }
}
