// GET|POST /api/auth/* – Better Auth (sign-in, sign-up, verification, sessions), behind our
// Redis-backed limits on the account-facing endpoints.
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";
import { CLIENT_IP_HEADER, isLimitedAuthPath, limitAuthRequest } from "@/lib/auth/auth-rate-limit";
import { readTextWithLimit } from "@/lib/http/body-limit";
import { clientIp } from "@/lib/http/client-ip";
import { problem, problemResponse } from "@/lib/http/problem";
import { rateLimitHeaders } from "@/lib/ratelimit/rate-limiter";

const handler = toNextJsHandler(auth);

/** Forward with the client address we trust, for Better Auth's own limiter and session records. */
function withClientIp(request: Request, ip: string, body?: string): Request {
  const headers = new Headers(request.headers);
  headers.set(CLIENT_IP_HEADER, ip);
  return new Request(request.url, {
    method: request.method,
    headers,
    body:
      body ?? (request.method === "GET" || request.method === "HEAD" ? undefined : request.body),
    // Streams need this in Node's fetch; a string body ignores it.
    duplex: "half",
  } as RequestInit);
}

export function GET(request: Request) {
  return handler.GET(withClientIp(request, clientIp(request.headers)));
}

export async function POST(request: Request) {
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/api\/auth/, "");
  const ip = clientIp(request.headers);
  // Auth bodies are small JSON: read as it streams and never past 1 MB (413 past it).
  let body: string;
  try {
    body = await readTextWithLimit(request);
  } catch (error) {
    return problemResponse(error, url.pathname);
  }
  if (!isLimitedAuthPath(path)) return handler.POST(withClientIp(request, ip, body));

  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    json = null;
  }
  const refused = await limitAuthRequest(path, ip, json);
  if (refused) {
    const response = refused.unavailable
      ? problem(
          503,
          "unavailable",
          "Signing in is briefly unavailable. Try again in a minute.",
          url.pathname,
        )
      : problem(
          429,
          "rate_limited",
          "Too many attempts. Wait a moment and try again.",
          url.pathname,
        );
    for (const [name, value] of Object.entries(rateLimitHeaders(refused))) {
      response.headers.set(name, value);
    }
    return response;
  }
  return handler.POST(withClientIp(request, ip, body));
}
