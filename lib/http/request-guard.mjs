// What `npm start` / `npm run dev` (scripts/serve.mjs) do to every request before Next.js sees it:
//
// 1. The client address. Next.js only fills X-Forwarded-For with the socket's address when the
//    header is absent, and App Router code cannot see the socket, so a client served directly could
//    write its own address. Here the header is rewritten to the entries the trusted proxies wrote
//    (the rightmost TRUSTED_PROXY_HOPS entries of what arrived) followed by the socket's address;
//    with no trusted proxy (0) it is just the socket's address. lib/http/client-ip.ts reads the
//    client from that chain, and its last entry is always the socket (dev tools check it).
// 2. The body limit. A body declared over the limit is refused with 413 before anything reads it
//    (before `100 Continue` too); a chunked body is counted as it arrives and refused with 413 the
//    moment it passes the limit, before Next.js is handed the request, and the rest is discarded.
//
// Plain JavaScript (Node's http module only): it runs in the server process outside Next.js's
// bundle and outside any TypeScript loader. Types: request-guard.d.mts. Tests:
// tests/unit/request-guard.test.ts (a real server and raw sockets).

/** The largest request body the app accepts, from any route (lib/http/body-limit.ts). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Image uploads: the new-problem form (a multipart POST to a board page, `/b/<workspace>/<board>`)
 * carries up to 5 images of 10 MB each (lib/attachments/limits.ts) plus its text. Every other
 * request keeps MAX_BODY_BYTES.
 */
export const UPLOAD_BODY_BYTES = 51 * 1024 * 1024;
const UPLOAD_PATH = /^\/b\/[^/]+\/[^/]+\/?$/;

/** The body limit for one request: UPLOAD_BODY_BYTES for an upload form, else `base`. */
export function bodyLimitFor(method, path, contentType, base = MAX_BODY_BYTES) {
  const multipart = /^multipart\/form-data/i.test(contentType ?? "");
  return method === "POST" && multipart && UPLOAD_PATH.test(path)
    ? Math.max(base, UPLOAD_BODY_BYTES)
    : base;
}

const limitOf = (req, base) =>
  bodyLimitFor(req.method, pathOf(req), req.headers["content-type"], base);

/** How long a refused upload may keep sending (discarded) before its connection is cut. */
const LINGER_MS = 2_000;

/** Headers a client could use to claim another origin or address; dropped with no trusted proxy. */
const CLIENT_FORWARDING_HEADERS = [
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) → `127.0.0.1`. */
export function normalizeSocketAddress(address) {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return (mapped ? mapped[1] : address).toLowerCase();
}

/**
 * The X-Forwarded-For the app sees: the rightmost `hops` entries of the incoming header (what the
 * trusted proxies appended), then the socket's address. Anything further left was written by the
 * client or an untrusted hop and is dropped.
 */
export function forwardedChain(incoming, socketAddress, hops) {
  const entries = (Array.isArray(incoming) ? incoming.join(",") : (incoming ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const trusted = hops > 0 ? entries.slice(-hops) : [];
  return [...trusted, normalizeSocketAddress(socketAddress)].join(", ");
}

/** Rewrite the forwarding headers of a request (or upgrade) in place. */
export function rewriteForwarding(req, hops) {
  req.headers["x-forwarded-for"] = forwardedChain(
    req.headers["x-forwarded-for"],
    req.socket.remoteAddress,
    hops,
  );
  if (hops === 0) for (const name of CLIENT_FORWARDING_HEADERS) delete req.headers[name];
}

function declaredLength(req) {
  const value = req.headers["content-length"];
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : null;
}

function pathOf(req) {
  return (req.url ?? "/").split("?")[0];
}

/** 413 `application/problem+json` (the shape of lib/http/problem-json.ts), then close. */
export function refuseTooLarge(req, res, limit) {
  const body = JSON.stringify({
    type: "https://problemboard.dev/errors/payload_too_large",
    title: "payload_too_large",
    status: 413,
    code: "payload_too_large",
    detail: `Request bodies are limited to ${formatBytes(limit)}.`,
    instance: pathOf(req),
  });
  if (!res.headersSent) {
    res.writeHead(413, {
      "content-type": "application/problem+json",
      "content-length": Buffer.byteLength(body),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      connection: "close",
    });
  }
  lingerThenClose(req.socket);
  res.end(body);
  req.resume();
}

/**
 * After a refusal, Node would close the socket as soon as the response is written. Closing with the
 * client's body still arriving makes the kernel reset the connection, and the client can lose the
 * 413 it has not read yet. So: send the response, close our side, keep reading and dropping what
 * the client still sends until it closes its side, at most LINGER_MS, then cut the connection.
 */
function lingerThenClose(socket) {
  const cut = setTimeout(() => socket.destroy(), LINGER_MS);
  cut.unref();
  socket.once("close", () => clearTimeout(cut));
  socket.once("end", () => socket.destroy());
  socket.destroySoon = function endThenLinger() {
    if (this.writable) this.end();
  };
}

function formatBytes(bytes) {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB`
    : bytes >= 1024 && bytes % 1024 === 0
      ? `${bytes / 1024} KB`
      : `${bytes} bytes`;
}

/**
 * Read a chunked body up to `limit` bytes without handing it to anyone, then call `done(true)`
 * with the body waiting in the request for whoever reads it next, or `done(false)` the moment it
 * passes the limit (the rest is never kept).
 *
 * Node's HTTP parser delivers body bytes through the request stream's `push`; holding them there
 * until the end of the body is what lets the limit be decided before Next.js starts the request.
 */
function holdChunkedBody(req, limit, done) {
  const push = req.push;
  const held = [];
  let size = 0;
  let state = "reading";
  req.push = function holdingPush(chunk, encoding) {
    if (state === "passed") return push.call(this, chunk, encoding);
    if (state === "refused") return true; // discarded
    if (chunk === null) {
      state = "passed";
      req.push = push;
      for (const part of held) push.call(this, part);
      push.call(this, null);
      process.nextTick(done, true);
      return false;
    }
    size += chunk.length;
    if (size > limit) {
      state = "refused";
      held.length = 0;
      process.nextTick(done, false);
      return true;
    }
    held.push(typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
    return true;
  };
  // A client that goes away mid-body: nothing to hand on.
  req.once("close", () => {
    if (state === "reading") state = "refused";
  });
}

/**
 * The server's `request` listener: rewrite the forwarding headers, enforce the body limit, then
 * hand the request to `handle` (Next.js's request handler).
 */
export function createRequestListener(handle, { trustedProxyHops, maxBodyBytes = MAX_BODY_BYTES }) {
  const run = (req, res) => {
    Promise.resolve(handle(req, res)).catch((error) => {
      console.error(`Failed to handle ${req.method} ${pathOf(req)}`, error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
    });
  };
  return (req, res) => {
    rewriteForwarding(req, trustedProxyHops);
    const limit = limitOf(req, maxBodyBytes);
    const declared = declaredLength(req);
    if (declared !== null && declared > limit) {
      refuseTooLarge(req, res, limit);
      return;
    }
    if (declared !== null || req.headers["transfer-encoding"] === undefined) {
      run(req, res);
      return;
    }
    holdChunkedBody(req, limit, (withinLimit) => {
      if (withinLimit) run(req, res);
      else if (!req.destroyed) refuseTooLarge(req, res, limit);
    });
  };
}

/**
 * The server's `checkContinue` listener (`Expect: 100-continue`): a body declared over the limit
 * is refused before the client sends it; anything else gets `100 Continue` and goes on as usual.
 */
export function createCheckContinueListener(requestListener, { maxBodyBytes = MAX_BODY_BYTES }) {
  return (req, res) => {
    const limit = limitOf(req, maxBodyBytes);
    const declared = declaredLength(req);
    if (declared !== null && declared > limit) {
      refuseTooLarge(req, res, limit);
      return;
    }
    res.writeContinue();
    requestListener(req, res);
  };
}
