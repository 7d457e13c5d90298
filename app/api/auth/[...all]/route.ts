// GET|POST /api/auth/* – Better Auth (sign-in, sign-up, verification, sessions), behind our
// Redis-backed limits (the only ones: Better Auth's own limiter is off).
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";
import {
  authRateLimitResponse,
  CLIENT_IP_HEADER,
  limitAuthRequest,
  readsBody,
} from "@/lib/auth/auth-rate-limit";
import { authUnavailableResponse, trackAuthRequest } from "@/lib/auth/auth-errors";
import { readTextWithLimit } from "@/lib/http/body-limit";
import { clientIp } from "@/lib/http/client-ip";
import { problemResponse } from "@/lib/http/problem";

const nextHandler = toNextJsHandler(auth);

/** Better Auth's router; a failure for want of a database becomes our 503 (lib/auth/auth-errors). */
async function route(method: "GET" | "POST", request: Request): Promise<Response> {
  const { response, databaseUnavailable } = await trackAuthRequest(() =>
    nextHandler[method](request),
  );
  return databaseUnavailable ? authUnavailableResponse(new URL(request.url).pathname) : response;
}
const handler = {
  GET: (request: Request) => route("GET", request),
  POST: (request: Request) => route("POST", request),
};

/** Forward with the client address we trust, for Better Auth's session records. */
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

function authPath(url: URL): string {
  return url.pathname.replace(/^\/api\/auth/, "");
}

export async function GET(request: Request) {
  const url = new URL(request.url);
  const ip = clientIp(request.headers);
  const refused = await limitAuthRequest(authPath(url), ip, null);
  if (refused) return authRateLimitResponse(refused, url.pathname);
  return handler.GET(withClientIp(request, ip));
}

export async function POST(request: Request) {
  const url = new URL(request.url);
  const path = authPath(url);
  const ip = clientIp(request.headers);
  // Auth bodies are small JSON: read as it streams and never past 1 MB (413 past it).
  let body: string;
  try {
    body = await readTextWithLimit(request);
  } catch (error) {
    return problemResponse(error, url.pathname);
  }
  if (!readsBody(path)) {
    const refused = await limitAuthRequest(path, ip, null);
    if (refused) return authRateLimitResponse(refused, url.pathname);
    return handler.POST(withClientIp(request, ip, body));
  }

  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    json = null;
  }
  const refused = await limitAuthRequest(path, ip, json);
  if (refused) return authRateLimitResponse(refused, url.pathname);
  return handler.POST(withClientIp(request, ip, body));
}
