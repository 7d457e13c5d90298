// No `server-only` here: scripts (npm run jobs, backup, restore) load this module outside Next.js
// (the job handlers delete files; backups go to storage). The service role key never reaches a
// browser: it is read through lib/env, which client bundles cannot read.
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import {
  BUCKETS,
  MAX_SIGNED_URL_TTL_SECONDS,
  SIGNED_URL_TTL_SECONDS,
  type Bucket,
} from "./buckets";
import { getSupabase } from "./client";

/**
 * The storage module every feature uses (attachments, exports, backups): objects in private
 * Supabase Storage buckets through supabase-js. Downloads leave the app only as signed URLs that
 * expire within minutes; uploads are streamed (a Node stream or a web ReadableStream is passed to
 * fetch as it is read, never collected into one buffer here).
 */

/** Object paths are ours (ids), never user input: `segment/segment/…`, no `.`/`..`, no `\`. */
const PATH_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function assertObjectPath(path: string): void {
  const segments = path.split("/");
  if (
    path.length > 512 ||
    segments.length === 0 ||
    segments.some((s) => !PATH_SEGMENT.test(s) || s === "." || s === "..")
  ) {
    throw new AppError("bad_request", `Invalid storage path "${path}".`);
  }
}

type StorageFailure = { message: string; status?: number; statusCode?: string };

function isNotFound(error: StorageFailure): boolean {
  // Supabase Storage has answered a missing object both as 404 and as 400 + statusCode "404".
  return error.status === 404 || error.statusCode === "404" || /not.?found/i.test(error.message);
}

function fail(action: string, error: StorageFailure): never {
  if (isNotFound(error)) throw new AppError("not_found", "File not found.");
  throw new AppError("unavailable", `File storage could not ${action}: ${error.message}`);
}

let bucketsReady: Promise<void> | null = null;

/** Create the private buckets that are missing (once per process; safe to run concurrently). */
export function ensureBuckets(): Promise<void> {
  bucketsReady ??= (async () => {
    const supabase = await getSupabase();
    for (const bucket of BUCKETS) {
      const found = await supabase.storage.getBucket(bucket);
      if (!found.error) {
        if (found.data.public) {
          throw new AppError(
            "unavailable",
            `Storage bucket "${bucket}" is public; make it private.`,
          );
        }
        continue;
      }
      if (!isNotFound(found.error)) fail(`read bucket ${bucket}`, found.error);
      const created = await supabase.storage.createBucket(bucket, { public: false });
      // Another instance may have created it in between.
      if (created.error && !/exist|duplicate/i.test(created.error.message)) {
        fail(`create bucket ${bucket}`, created.error);
      }
    }
  })().catch((error: unknown) => {
    bucketsReady = null;
    throw error;
  });
  return bucketsReady;
}

/** Forget that buckets were checked (tests that switch storage servers). */
export function resetBucketCheck(): void {
  bucketsReady = null;
}

export type UploadBody = Uint8Array | Readable | ReadableStream<Uint8Array>;

export interface PutOptions {
  contentType: string;
  /** Replace an existing object (default: refuse with conflict). */
  upsert?: boolean;
  cacheControl?: string;
}

/** Store an object. A stream is uploaded as it is read. */
export async function putObject(
  bucket: Bucket,
  path: string,
  body: UploadBody,
  options: PutOptions,
): Promise<void> {
  assertObjectPath(path);
  await ensureBuckets();
  const supabase = await getSupabase();
  const payload = body instanceof Readable ? (Readable.toWeb(body) as ReadableStream) : body;
  const { error } = await supabase.storage.from(bucket).upload(path, payload, {
    contentType: options.contentType,
    upsert: options.upsert ?? false,
    cacheControl: options.cacheControl ?? "3600",
  });
  if (error) {
    if ((error as StorageFailure).statusCode === "409" || /exists|duplicate/i.test(error.message)) {
      throw new AppError("conflict", `A file already exists at ${bucket}/${path}.`);
    }
    fail("store the file", error);
  }
}

/** The object's bytes (for exports and restores; pages use signed URLs instead). */
export async function getObject(bucket: Bucket, path: string): Promise<Blob> {
  assertObjectPath(path);
  const supabase = await getSupabase();
  const { data, error } = await supabase.storage.from(bucket).download(path);
  if (error) fail("read the file", error);
  return data;
}

/**
 * The object's bytes as a stream, read as they arrive (backups: hundreds of MB that must never be
 * held in memory). Missing objects fail before any byte with `not_found`.
 */
export async function getObjectStream(
  bucket: Bucket,
  path: string,
): Promise<ReadableStream<Uint8Array>> {
  assertObjectPath(path);
  const supabase = await getSupabase();
  const { data, error } = await supabase.storage.from(bucket).download(path).asStream();
  if (error) fail("read the file", error);
  return data as ReadableStream<Uint8Array>;
}

/** Remove objects; missing ones are not an error (removal is retried by jobs). */
export async function removeObjects(bucket: Bucket, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  for (const path of paths) assertObjectPath(path);
  const supabase = await getSupabase();
  // The API takes up to 1,000 paths per call.
  for (let i = 0; i < paths.length; i += 1000) {
    const { error } = await supabase.storage.from(bucket).remove(paths.slice(i, i + 1000));
    if (error && !isNotFound(error)) fail("remove files", error);
  }
}

export interface ListedObject {
  name: string;
  size: number | null;
}

/** Objects and folders directly under `prefix` (one level, like a directory listing). */
export async function listObjects(
  bucket: Bucket,
  prefix = "",
  { limit = 100, offset = 0 }: { limit?: number; offset?: number } = {},
): Promise<ListedObject[]> {
  if (prefix) assertObjectPath(prefix);
  const supabase = await getSupabase();
  const { data, error } = await supabase.storage.from(bucket).list(prefix, { limit, offset });
  if (error) fail("list files", error);
  return data.map((item) => ({
    name: item.name,
    size: typeof item.metadata?.size === "number" ? item.metadata.size : null,
  }));
}

/**
 * A URL that downloads one object for `ttlSeconds` (default 60, at most 15 minutes). The caller
 * has already decided the viewer may see the object: this function checks nothing but the path.
 */
export async function createSignedUrl(
  bucket: Bucket,
  path: string,
  ttlSeconds: number = SIGNED_URL_TTL_SECONDS,
): Promise<string> {
  assertObjectPath(path);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_SIGNED_URL_TTL_SECONDS) {
    throw new AppError(
      "bad_request",
      `Signed URLs last 1 to ${MAX_SIGNED_URL_TTL_SECONDS} seconds, not ${ttlSeconds}.`,
    );
  }
  const supabase = await getSupabase();
  const { data, error } = await supabase.storage.from(bucket).createSignedUrl(path, ttlSeconds);
  if (error) fail("sign a download link", error);
  return data.signedUrl;
}
