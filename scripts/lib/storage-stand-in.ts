// A local stand-in for Supabase Storage (dev and test tooling only; never in the production path).
// It serves the subset of the Storage HTTP API that @supabase/supabase-js calls for what the app
// does — buckets (create, get, list), objects (upload, download, remove, list) and signed URLs
// (create, and GET with the token checked and expiry enforced) — keeping the bytes on disk.
// The app talks to it through the real supabase-js client (SUPABASE_URL=<url>). `npm run dev`
// starts it (scripts/run.ts); `npm run storage:stand-in` runs it alone. Contract:
// tests/integration/storage-contract.test.ts runs the same suite against it and a real project.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pipeline } from "node:stream/promises";

export interface StorageStandInOptions {
  /** Where buckets and objects live (`.data/storage` for `npm run dev`). */
  root: string;
  port?: number;
  /** The key clients must send (Authorization: Bearer …); generated when omitted. */
  serviceKey?: string;
  /** Largest object accepted, in bytes (default 100 MB). */
  maxObjectBytes?: number;
  /** The clock used for signed-URL expiry (tests move it). */
  now?: () => number;
}

export interface StorageStandIn {
  /** The SUPABASE_URL to give supabase-js (`http://127.0.0.1:<port>`). */
  url: string;
  port: number;
  serviceKey: string;
  close(): Promise<void>;
}

const BASE = "/storage/v1";
const SEGMENT = /^[^/\\\0]+$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = "";
  for await (const chunk of req) {
    raw += String(chunk);
    if (raw.length > 1_000_000) throw new HttpError(413, "EntityTooLarge", "Body too large");
  }
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {}
  throw new HttpError(400, "InvalidRequest", "Body must be a JSON object");
}

/** `a/b/c.png` → checked segments; `..`, `.`, empty segments and backslashes are refused. */
function objectKey(raw: string): string {
  const segments = raw.split("/").map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new HttpError(400, "InvalidKey", "Invalid key");
    }
  });
  if (segments.length === 0 || segments.some((s) => !SEGMENT.test(s) || s === "." || s === "..")) {
    throw new HttpError(400, "InvalidKey", `Invalid key: ${raw}`);
  }
  return segments.join("/");
}

function bucketId(raw: string | undefined): string {
  if (!raw || !/^[A-Za-z0-9_.-]{1,63}$/.test(raw) || raw === "." || raw === "..") {
    throw new HttpError(400, "InvalidBucketName", `Invalid bucket name: ${raw ?? ""}`);
  }
  return raw;
}

export async function startStorageStandIn(options: StorageStandInOptions): Promise<StorageStandIn> {
  const root = path.resolve(options.root);
  fs.mkdirSync(root, { recursive: true });
  const serviceKey = options.serviceKey ?? `standin_service_${randomBytes(24).toString("hex")}`;
  // Signing key for URLs: derived from the service key, so restarts keep issued URLs valid.
  const signingKey = createHmac("sha256", serviceKey).update("signed-urls").digest();
  const maxObjectBytes = options.maxObjectBytes ?? 100 * 1024 * 1024;
  const now = options.now ?? Date.now;

  const bucketDir = (id: string) => path.join(root, id);
  const bucketFile = (id: string) => path.join(root, id, ".bucket.json");
  const objectFile = (id: string, key: string) => path.join(root, id, "objects", key);
  const metaFile = (id: string, key: string) => path.join(root, id, "meta", `${key}.json`);

  function readBucket(id: string) {
    const file = bucketFile(id);
    if (!fs.existsSync(file)) throw new HttpError(404, "Bucket not found", "Bucket not found");
    return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  }

  function sign(bucket: string, key: string, expiresIn: number): string {
    const payload = Buffer.from(
      JSON.stringify({ url: `${bucket}/${key}`, exp: Math.floor(now() / 1000) + expiresIn }),
    ).toString("base64url");
    const mac = createHmac("sha256", signingKey).update(payload).digest("base64url");
    return `${payload}.${mac}`;
  }

  function verify(token: string | null, bucket: string, key: string) {
    const [payload, mac] = (token ?? "").split(".");
    if (!payload || !mac) throw new HttpError(400, "InvalidJWT", "Invalid token");
    const expected = createHmac("sha256", signingKey).update(payload).digest();
    const given = Buffer.from(mac, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpError(400, "InvalidJWT", "invalid signature");
    }
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      url: string;
      exp: number;
    };
    if (claims.url !== `${bucket}/${key}`) {
      throw new HttpError(400, "InvalidSignature", "The url do not match the signature");
    }
    if (claims.exp * 1000 <= now()) throw new HttpError(400, "InvalidJWT", "jwt expired");
  }

  function authorize(req: IncomingMessage) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const key = bearer ?? req.headers.apikey;
    if (key !== serviceKey) throw new HttpError(400, "Unauthorized", "Invalid Compact JWS");
  }

  async function serveObject(res: ServerResponse, bucket: string, key: string) {
    const file = objectFile(bucket, key);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      throw new HttpError(404, "not_found", "Object not found");
    }
    const meta = JSON.parse(fs.readFileSync(metaFile(bucket, key), "utf8")) as {
      mimetype: string;
      size: number;
      cacheControl: string;
    };
    res.writeHead(200, {
      "content-type": meta.mimetype,
      "content-length": meta.size,
      "cache-control": meta.cacheControl,
      "x-content-type-options": "nosniff",
    });
    await pipeline(fs.createReadStream(file), res);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, bucket: string, key: string) {
    readBucket(bucket);
    const contentType = req.headers["content-type"] ?? "application/octet-stream";
    if (contentType.startsWith("multipart/form-data")) {
      throw new HttpError(415, "InvalidMimeType", "The stand-in accepts raw bodies, not forms");
    }
    const upsert = req.method === "PUT" || req.headers["x-upsert"] === "true";
    const file = objectFile(bucket, key);
    if (!upsert && fs.existsSync(file)) {
      throw new HttpError(409, "Duplicate", "The resource already exists");
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.mkdirSync(path.dirname(metaFile(bucket, key)), { recursive: true });
    const temp = `${file}.${randomUUID()}.part`;
    let size = 0;
    try {
      await pipeline(
        req,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > maxObjectBytes) {
              throw new HttpError(
                413,
                "EntityTooLarge",
                "The object exceeded the maximum allowed size",
              );
            }
            yield chunk;
          }
        },
        fs.createWriteStream(temp),
      );
      fs.renameSync(temp, file);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
    const id = randomUUID();
    const stamp = new Date(now()).toISOString();
    const cacheControl = req.headers["cache-control"] ?? "max-age=3600";
    fs.writeFileSync(
      metaFile(bucket, key),
      JSON.stringify({ id, mimetype: contentType, size, cacheControl, created_at: stamp }),
    );
    send(res, 200, { Id: id, Key: `${bucket}/${key}` });
  }

  function list(bucket: string, body: Record<string, unknown>) {
    readBucket(bucket);
    const prefix = typeof body.prefix === "string" ? body.prefix.replace(/\/+$/, "") : "";
    const limit = typeof body.limit === "number" ? body.limit : 100;
    const offset = typeof body.offset === "number" ? body.offset : 0;
    const dir = prefix
      ? objectFile(bucket, objectKey(prefix))
      : path.join(bucketDir(bucket), "objects");
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
    const entries = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.name.endsWith(".part"))
      .sort((a, b) => a.name.localeCompare(b.name));
    return entries.slice(offset, offset + limit).map((entry) => {
      if (entry.isDirectory()) {
        return { name: entry.name, id: null, updated_at: null, created_at: null, metadata: null };
      }
      const key = prefix ? `${prefix}/${entry.name}` : entry.name;
      const meta = JSON.parse(fs.readFileSync(metaFile(bucket, key), "utf8")) as {
        id: string;
        mimetype: string;
        size: number;
        created_at: string;
      };
      return {
        name: entry.name,
        id: meta.id,
        updated_at: meta.created_at,
        created_at: meta.created_at,
        last_accessed_at: meta.created_at,
        metadata: { size: meta.size, mimetype: meta.mimetype, cacheControl: "max-age=3600" },
      };
    });
  }

  function removeEmptyParents(start: string, stop: string) {
    let dir = path.dirname(start);
    while (dir.startsWith(stop) && dir !== stop) {
      if (fs.readdirSync(dir).length > 0) break;
      fs.rmdirSync(dir);
      dir = path.dirname(dir);
    }
  }

  function remove(bucket: string, body: Record<string, unknown>) {
    readBucket(bucket);
    const prefixes = Array.isArray(body.prefixes) ? body.prefixes : [];
    const removed = [];
    for (const raw of prefixes) {
      if (typeof raw !== "string") continue;
      const key = objectKey(raw);
      const file = objectFile(bucket, key);
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) continue;
      fs.rmSync(file);
      fs.rmSync(metaFile(bucket, key), { force: true });
      removeEmptyParents(file, path.join(bucketDir(bucket), "objects"));
      removed.push({ name: key, bucket_id: bucket });
    }
    return removed;
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (!url.pathname.startsWith(`${BASE}/`)) throw new HttpError(404, "not_found", "Not found");
    const rest = url.pathname.slice(BASE.length + 1);
    const [head, ...tail] = rest.split("/");
    const method = req.method ?? "GET";

    // Signed downloads: the token is the only credential.
    if (head === "object" && tail[0] === "sign" && method === "GET") {
      const bucket = bucketId(tail[1]);
      const key = objectKey(tail.slice(2).join("/"));
      verify(url.searchParams.get("token"), bucket, key);
      return serveObject(res, bucket, key);
    }

    authorize(req);

    if (head === "bucket") {
      if (tail.length === 0 || tail[0] === "") {
        if (method === "GET") {
          const ids = fs.readdirSync(root).filter((id) => fs.existsSync(bucketFile(id)));
          return send(res, 200, ids.map(readBucket));
        }
        if (method === "POST") {
          const body = await readJson(req);
          const id = bucketId(typeof body.id === "string" ? body.id : (body.name as string));
          if (fs.existsSync(bucketFile(id))) {
            throw new HttpError(409, "Duplicate", "The resource already exists");
          }
          const stamp = new Date(now()).toISOString();
          fs.mkdirSync(bucketDir(id), { recursive: true });
          const bucket = {
            id,
            name: id,
            owner: "",
            public: body.public === true,
            file_size_limit: body.file_size_limit ?? null,
            allowed_mime_types: body.allowed_mime_types ?? null,
            created_at: stamp,
            updated_at: stamp,
          };
          fs.writeFileSync(bucketFile(id), JSON.stringify(bucket));
          return send(res, 200, { name: id });
        }
      } else if (tail.length === 1 && method === "GET") {
        return send(res, 200, readBucket(bucketId(tail[0])));
      }
      throw new HttpError(405, "MethodNotAllowed", `${method} not supported here`);
    }

    if (head === "object") {
      if (tail[0] === "list" && method === "POST") {
        return send(res, 200, list(bucketId(tail[1]), await readJson(req)));
      }
      if (tail[0] === "sign" && method === "POST") {
        const bucket = bucketId(tail[1]);
        readBucket(bucket);
        const key = objectKey(tail.slice(2).join("/"));
        const body = await readJson(req);
        const expiresIn = Number(body.expiresIn);
        if (!Number.isInteger(expiresIn) || expiresIn < 1) {
          throw new HttpError(400, "InvalidRequest", "expiresIn must be a positive integer");
        }
        if (!fs.existsSync(objectFile(bucket, key))) {
          throw new HttpError(404, "not_found", "Object not found");
        }
        const token = sign(bucket, key, expiresIn);
        const encoded = key.split("/").map(encodeURIComponent).join("/");
        return send(res, 200, { signedURL: `/object/sign/${bucket}/${encoded}?token=${token}` });
      }
      const authenticated = tail[0] === "authenticated" ? tail.slice(1) : tail;
      const bucket = bucketId(authenticated[0]);
      if (authenticated.length === 1 && method === "DELETE") {
        return send(res, 200, remove(bucket, await readJson(req)));
      }
      const key = objectKey(authenticated.slice(1).join("/"));
      if (method === "POST" || method === "PUT") return upload(req, res, bucket, key);
      if (method === "GET") {
        readBucket(bucket);
        return serveObject(res, bucket, key);
      }
      throw new HttpError(405, "MethodNotAllowed", `${method} not supported here`);
    }
    throw new HttpError(404, "not_found", "Not found");
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const known = error instanceof HttpError;
      if (!known) console.error("storage stand-in:", error);
      if (res.headersSent) return res.destroy();
      // Drain what the client is still sending so it reads the answer.
      req.resume();
      send(res, known ? error.status : 500, {
        statusCode: String(known ? error.status : 500),
        error: known ? error.code : "internal",
        message: known ? error.message : "Internal error",
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    serviceKey,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
