import "server-only";
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { auth } from "./auth";
import { trackAuthRequest } from "./auth-errors";
import { CLIENT_IP_HEADER, limitAuthRequest } from "./auth-rate-limit";

export interface AuthCallResult<T = unknown> {
  ok: boolean;
  status: number;
  data: T | null;
  /** Better Auth's error code, e.g. INVALID_EMAIL_OR_PASSWORD. */
  code?: string;
  message?: string;
  /** Seconds to wait, when the request was rate limited. */
  retryAfter?: number;
}

const FORWARDED_HEADERS = [
  "cookie",
  "user-agent",
  "x-forwarded-for",
  "x-real-ip",
  "accept-language",
  "x-request-id",
];

/**
 * Call a Better Auth endpoint from a server action exactly as a browser request would go: our
 * rate limits first (as the auth route applies them), then Better Auth's router, so its hooks
 * and origin checks apply. Cookies it sets are copied onto the action's response.
 */
export async function callAuth<T = unknown>(
  path: string,
  body: Record<string, unknown>,
): Promise<AuthCallResult<T>> {
  const incoming = await headers();
  const ip = clientIp(incoming);
  const refused = await limitAuthRequest(path, ip, body);
  if (refused) {
    return {
      ok: false,
      status: refused.unavailable ? 503 : 429,
      data: null,
      retryAfter: Math.max(1, Math.ceil((refused.reset - Date.now()) / 1000)),
    };
  }
  const forwarded = new Headers({
    "content-type": "application/json",
    origin: new URL(env.APP_URL).origin,
    [CLIENT_IP_HEADER]: ip,
  });
  for (const name of FORWARDED_HEADERS) {
    const value = incoming.get(name);
    if (value) forwarded.set(name, value);
  }
  const { response, databaseUnavailable } = await trackAuthRequest(() =>
    auth.handler(
      new Request(new URL(`/api/auth${path}`, env.APP_URL), {
        method: "POST",
        headers: forwarded,
        body: JSON.stringify(body),
      }),
    ),
  );
  // The forms say "briefly unavailable, try again in a minute" for a 503.
  if (databaseUnavailable) return { ok: false, status: 503, data: null, retryAfter: 5 };

  const jar = await cookies();
  for (const header of response.headers.getSetCookie()) {
    for (const [name, attributes] of parseSetCookieHeader(header)) {
      jar.set(name, attributes.value, toCookieOptions(attributes));
    }
  }

  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  const error = (payload ?? {}) as { code?: string; message?: string };
  return {
    ok: false,
    status: response.status,
    data: null,
    code: error.code,
    message: error.message,
  };
}
