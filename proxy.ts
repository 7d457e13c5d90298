// Runs before every request except static assets (Next.js 16 "proxy", Node.js runtime):
// 1. gives the request an id (x-request-id, on the request passed on and on the response);
// 2. refuses a declared body over 1 MB with 413, without reading it (under `npm start` the server,
//    scripts/serve.mjs, has already refused those and chunked bodies over 1 MB);
// 3. sends signed-out visitors to a board's default view to its cached rendering
//    (app/b/[workspace]/[board]/cached): one render serves everyone until the board changes;
// 4. puts the security headers and a per-request CSP nonce on every response (Next.js reads the
//    nonce from the request's Content-Security-Policy and puts it on its own scripts);
// 5. tells the app the client address (x-pb-client-ip, lib/http/client-ip.ts), replacing whatever
//    a client sent under that name.
// See docs/security.md. Bench only: SECURITY_HEADERS=off skips 1, 4 and 5 (see headerWorkOff).
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { changesBoardView } from "@/lib/boards/view-params";
import { bodyLimitFor, exceedsBodyLimit } from "@/lib/http/body-limit";
import { CLIENT_IP_HEADER, clientIp } from "@/lib/http/client-ip";
import { problem } from "@/lib/http/problem-json";
import { createNonce, securityHeaders, securityOptionsFromEnv } from "@/lib/http/security-headers";
import { isCrossSiteAction } from "@/lib/http/same-origin";
import { REQUEST_ID_HEADER } from "@/lib/observability/request-id-header";

const BOARD = /^\/b\/([a-z0-9][a-z0-9_-]*)\/([a-z0-9][a-z0-9_-]*)\/?$/i;
const SESSION_COOKIES = ["pb.session_token", "__Secure-pb.session_token"];

const deployment = securityOptionsFromEnv(env);

/**
 * Bench only: `SECURITY_HEADERS=off` skips the header work (request id, nonce, CSP and the other
 * security headers), so `npm run bench -- --proxy-cost` can measure what it costs. Honoured only
 * when APP_URL is a loopback address: no deployment can switch its headers off.
 */
const headerWorkOff =
  env.SECURITY_HEADERS === "off" &&
  URL.canParse(env.APP_URL) &&
  ["localhost", "127.0.0.1", "[::1]"].includes(new URL(env.APP_URL).hostname);

/**
 * The cached rendering of a board for a signed-out visitor's plain GET, or null. Anyone with a
 * session cookie, or a query that changes the view (sort, filter, search, page), gets the live
 * page; parameters that change nothing (`?utm_source=…`) still get the cached one.
 */
function cachedBoardUrl(request: NextRequest): URL | null {
  const match = BOARD.exec(request.nextUrl.pathname);
  if (
    !match ||
    request.method !== "GET" ||
    changesBoardView(request.nextUrl.searchParams) ||
    SESSION_COOKIES.some((name) => request.cookies.has(name))
  ) {
    return null;
  }
  return new URL(`/b/${match[1]}/${match[2]}/cached`, request.url);
}

function withSecurityHeaders<T extends Response>(
  response: T,
  requestId: string,
  security: Record<string, string>,
): T {
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export function proxy(request: NextRequest) {
  if (headerWorkOff) return benchProxyWithoutHeaders(request);
  // Never the client's own x-request-id: ids must be unique and safe to log.
  const requestId = crypto.randomUUID();

  const bodyLimit = bodyLimitFor(
    request.method,
    request.nextUrl.pathname,
    request.headers.get("content-type"),
  );
  if (exceedsBodyLimit(request.headers, bodyLimit)) {
    const refused = problem(
      413,
      "payload_too_large",
      `Request bodies are limited to ${bodyLimit / (1024 * 1024)} MB.`,
      request.nextUrl.pathname,
    );
    return withSecurityHeaders(
      refused,
      requestId,
      securityHeaders({ ...deployment, nonce: createNonce() }),
    );
  }

  const crossSite = refuseCrossSiteAction(request);
  if (crossSite) {
    return withSecurityHeaders(
      crossSite,
      requestId,
      securityHeaders({ ...deployment, nonce: createNonce() }),
    );
  }

  // The cached board page's HTML is shared by every signed-out visitor, so it cannot carry a
  // per-request nonce: it alone gets a policy without one (docs/security.md explains why that is
  // safe there).
  const cached = cachedBoardUrl(request);
  const nonce = cached ? null : createNonce();
  const security = securityHeaders({ ...deployment, nonce });

  // What the app sees: our id and policy, never values the client sent under these names.
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set(CLIENT_IP_HEADER, clientIp(request.headers));
  headers.set("content-security-policy", security["Content-Security-Policy"]);
  headers.delete("content-security-policy-report-only");
  if (nonce) headers.set("x-nonce", nonce);
  else headers.delete("x-nonce");

  const response = cached
    ? NextResponse.rewrite(cached, { request: { headers } })
    : NextResponse.next({ request: { headers } });
  return withSecurityHeaders(response, requestId, security);
}

/**
 * 403 for a server action posted from another origin (lib/http/same-origin.ts), before Next.js
 * would refuse it with a 500; null for everything else.
 */
export function refuseCrossSiteAction(request: NextRequest): Response | null {
  if (!isCrossSiteAction(request.method, request.nextUrl.pathname, request.headers)) return null;
  return problem(
    403,
    "forbidden",
    "Cross-site form posts are not allowed. Reload the page and try again.",
    request.nextUrl.pathname,
  );
}

/** SECURITY_HEADERS=off (loopback bench only): the body limit and the board rewrite, no headers. */
function benchProxyWithoutHeaders(request: NextRequest) {
  const limit = bodyLimitFor(
    request.method,
    request.nextUrl.pathname,
    request.headers.get("content-type"),
  );
  if (exceedsBodyLimit(request.headers, limit)) {
    return problem(413, "payload_too_large", "Request body too large.", request.nextUrl.pathname);
  }
  const cached = cachedBoardUrl(request);
  return cached ? NextResponse.rewrite(cached) : NextResponse.next();
}

export const config = {
  matcher: [
    // Everything but build assets, image optimisation and static files (which carry no HTML).
    "/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf)$).*)",
  ],
};
