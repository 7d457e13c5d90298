/** What an attachment may be (shared by the form, the server and the docs). */
export const MAX_ATTACHMENTS_PER_POST = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/**
 * The largest image decoded, in pixels (all frames of an animation together): 40 megapixels.
 * A few kilobytes of PNG can declare a 100,000 × 100,000 image; anything past this is refused
 * from its header, before a pixel is decoded.
 */
export const MAX_ATTACHMENT_PIXELS = 40_000_000;
/** Thumbnails fit in this box (WebP). */
export const THUMBNAIL_SIZE = 480;
export const MAX_ALT_LENGTH = 250;

export const ATTACHMENT_TYPES = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** For `<input accept>`. */
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_TYPES).join(",");
