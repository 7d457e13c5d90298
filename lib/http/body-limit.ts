import { AppError } from "@/lib/errors";
import { bodyLimitFor, MAX_BODY_BYTES, UPLOAD_BODY_BYTES } from "./request-guard.mjs";

/**
 * The largest request body the app accepts, from any route but one: 1 MB. The exception is the
 * new-problem form with its images (a multipart POST to a board page: UPLOAD_BODY_BYTES, 51 MB;
 * `bodyLimitFor` decides, and every check below uses it). Enforced three times over:
 * - the server of `npm start` / `npm run dev` (lib/http/request-guard.mjs) refuses a larger body,
 *   declared or chunked, with 413 before Next.js reads it (server actions and Better Auth too);
 * - proxy.ts refuses a larger declared Content-Length (the only check on Vercel's own servers,
 *   which refuse bodies over 4.5 MB themselves);
 * - every route handler that reads a body reads it with readBodyWithLimit and its own limit
 *   (webhooks keep smaller ones), so a chunked body that got this far stops at the limit too.
 */
export { bodyLimitFor, MAX_BODY_BYTES, UPLOAD_BODY_BYTES };

/** Whether the request declares a body over the limit (the body itself is never read). */
export function exceedsBodyLimit(headers: Headers, limit: number = MAX_BODY_BYTES): boolean {
  const declared = headers.get("content-length");
  if (declared === null || !/^\d+$/.test(declared.trim())) return false;
  return Number(declared.trim()) > limit;
}

function tooLarge(limit: number): AppError {
  const size =
    limit % (1024 * 1024) === 0
      ? `${limit / (1024 * 1024)} MB`
      : limit % 1024 === 0
        ? `${limit / 1024} KB`
        : `${limit} bytes`;
  return new AppError("payload_too_large", `Request bodies are limited to ${size}.`);
}

/**
 * The request's body, read as it streams and never past `limit` bytes: past it, reading stops
 * (the rest is not buffered) and AppError("payload_too_large") is thrown, which problemResponse
 * answers with 413. A declared Content-Length over the limit is refused before reading anything.
 */
export async function readBodyWithLimit(
  request: Request,
  limit: number = MAX_BODY_BYTES,
): Promise<Uint8Array<ArrayBuffer>> {
  if (exceedsBodyLimit(request.headers, limit)) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The body as UTF-8 text, within the limit (see readBodyWithLimit). */
export async function readTextWithLimit(request: Request, limit?: number): Promise<string> {
  return new TextDecoder().decode(await readBodyWithLimit(request, limit));
}

/** The body parsed as JSON, or null when it is not JSON; over the limit it throws (413). */
export async function readJsonWithLimit(request: Request, limit?: number): Promise<unknown> {
  const text = await readTextWithLimit(request, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The body as form data (urlencoded or multipart), or null when it is not a form; 413 past it. */
export async function readFormWithLimit(
  request: Request,
  limit?: number,
): Promise<FormData | null> {
  const body = await readBodyWithLimit(request, limit);
  const contentType = request.headers.get("content-type") ?? "";
  return new Response(body, { headers: { "content-type": contentType } })
    .formData()
    .catch(() => null);
}
