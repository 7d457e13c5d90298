/**
 * The storage buckets, all private: nothing in them is readable without the service role key or
 * a short-lived signed URL (lib/storage/objects.ts). Created by `ensureBuckets` when missing.
 */
export const BUCKETS = ["attachments", "exports", "backups"] as const;
export type Bucket = (typeof BUCKETS)[number];

/** How long a signed download URL stays valid, in seconds, unless a caller asks for less. */
export const SIGNED_URL_TTL_SECONDS = 60;
/** The longest a caller may ask for: signed URLs are for one page view or one download. */
export const MAX_SIGNED_URL_TTL_SECONDS = 15 * 60;
