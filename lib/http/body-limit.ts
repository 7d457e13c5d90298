/**
 * The largest request body the app accepts, from any route. proxy.ts refuses a larger declared
 * Content-Length with 413 before anything reads the body. Webhook routes keep their own smaller
 * limits; server actions have Next.js's own 1 MB `bodySizeLimit`.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Whether the request declares a body over the limit (the body itself is never read). */
export function exceedsBodyLimit(headers: Headers, limit: number = MAX_BODY_BYTES): boolean {
  const declared = headers.get("content-length");
  if (declared === null || !/^\d+$/.test(declared.trim())) return false;
  return Number(declared.trim()) > limit;
}
