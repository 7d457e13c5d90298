import "server-only";
import { fileTypeFromBuffer } from "file-type";
import sharp, { type Metadata } from "sharp";
import { AppError } from "@/lib/errors";
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_PIXELS,
  THUMBNAIL_SIZE,
  type AttachmentType,
} from "./limits";

export interface ProcessedImage {
  /** The re-encoded image: same format, orientation applied, every metadata block dropped. */
  image: Buffer;
  thumbnail: Buffer;
  contentType: AttachmentType;
  extension: string;
  width: number;
  height: number;
}

/** The form field every upload error is reported on. */
export const IMAGES_FIELD = "images";

function refuse(code: "validation_failed" | "payload_too_large", message: string): never {
  throw new AppError(code, message, { [IMAGES_FIELD]: [message] });
}

/** `name` as typed by the uploader, shown back in messages: no control characters, 80 chars. */
export function displayName(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean || "(unnamed)";
}

/** Check an upload's name and size before reading it. */
export function checkUploadShape(name: string, size: number): void {
  const shown = displayName(name);
  if (/[/\\]/.test(name) || name.includes("\0") || name === "." || name === "..") {
    refuse(
      "validation_failed",
      `"${shown}": file names may not contain path separators (/ or \\).`,
    );
  }
  if (size === 0) refuse("validation_failed", `"${shown}" is empty (0 bytes).`);
  if (size > MAX_ATTACHMENT_BYTES) {
    refuse(
      "payload_too_large",
      `"${shown}" is ${(size / 1024 / 1024).toFixed(1)} MB; images may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
    );
  }
}

/**
 * Turn uploaded bytes into what we store: the type is read from the bytes (file-type), never the
 * name or the browser's claim; the pixel count is checked from the header before decoding; the
 * image is decoded and re-encoded by sharp, which writes no EXIF/XMP/IPTC (GPS positions, camera
 * serials) unless asked to; the EXIF orientation is applied first so nothing looks rotated.
 */
export async function processImage(name: string, bytes: Uint8Array): Promise<ProcessedImage> {
  checkUploadShape(name, bytes.byteLength);
  const shown = displayName(name);
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !(detected.mime in ATTACHMENT_TYPES)) {
    refuse(
      "validation_failed",
      `"${shown}" is not a PNG, JPEG, WebP or GIF image${detected ? ` (its content is ${detected.mime})` : ""}.`,
    );
  }
  const contentType = detected.mime as AttachmentType;
  const animated = contentType === "image/gif" || contentType === "image/webp";

  let meta: Metadata;
  try {
    // The header only: no pixel limit here, so an oversized image gets its own message below.
    meta = await sharp(bytes, { animated, limitInputPixels: false }).metadata();
  } catch {
    refuse("validation_failed", `"${shown}" could not be read as an image (damaged or truncated).`);
  }
  const frames = meta.pages ?? 1;
  const width = meta.width ?? 0;
  const frameHeight = meta.pageHeight ?? meta.height ?? 0;
  if (!width || !frameHeight) {
    refuse("validation_failed", `"${shown}" could not be read as an image (no dimensions).`);
  }
  if (width * frameHeight * frames > MAX_ATTACHMENT_PIXELS) {
    refuse(
      "validation_failed",
      `"${shown}" is ${width.toLocaleString("en-US")} × ${frameHeight.toLocaleString("en-US")} pixels${frames > 1 ? ` × ${frames} frames` : ""}; images may have at most ${MAX_ATTACHMENT_PIXELS / 1_000_000} megapixels.`,
    );
  }

  try {
    // limitInputPixels again at decode: the header check above is the message, this is the guard.
    const input = sharp(bytes, {
      animated,
      limitInputPixels: MAX_ATTACHMENT_PIXELS,
      failOn: "error",
    }).rotate();
    const encoded =
      contentType === "image/png"
        ? input.png()
        : contentType === "image/jpeg"
          ? input.jpeg({ quality: 85 })
          : contentType === "image/webp"
            ? input.webp({ quality: 85 })
            : input.gif();
    const { data: image, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(image, { limitInputPixels: MAX_ATTACHMENT_PIXELS })
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return {
      image,
      thumbnail,
      contentType,
      extension: ATTACHMENT_TYPES[contentType],
      width: info.width,
      height: info.pageHeight ?? info.height,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    refuse("validation_failed", `"${shown}" could not be read as an image (damaged or truncated).`);
  }
}
