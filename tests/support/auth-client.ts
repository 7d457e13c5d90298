import { randomBytes } from "node:crypto";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";
import { auth } from "@/lib/auth/auth";
import { env } from "@/lib/env";

const run = randomBytes(2);
let ipCounter = 0;
/**
 * A fresh client address per caller, unique to this test process, so one test's attempts never
 * use up another's limit, even when parallel files or earlier runs share the same Redis.
 */
export function nextIp(): string {
  ipCounter += 1;
  // IPv4: Better Auth groups IPv6 addresses by /64, which would merge these into one client.
  return `100.${64 + (run[0]! % 64)}.${(run[1]! + Math.floor(ipCounter / 250)) % 256}.${ipCounter % 250}`;
}

export interface AuthResponse {
  status: number;
  body: Record<string, unknown> | null;
  headers: Headers;
  /** `name=value` pairs from Set-Cookie, ready for a Cookie header. */
  cookie: string;
}

/** Send a request through the auth route (our limits, then Better Auth's router), as a browser would. */
export async function authFetch(
  path: string,
  init: { method?: string; body?: unknown; cookie?: string; ip?: string } = {},
): Promise<AuthResponse> {
  const headers = new Headers({ origin: new URL(env.APP_URL).origin });
  if (init.body !== undefined) headers.set("content-type", "application/json");
  if (init.cookie) headers.set("cookie", init.cookie);
  headers.set("x-forwarded-for", init.ip ?? nextIp());
  const method = init.method ?? (init.body === undefined ? "GET" : "POST");
  const request = new Request(
    new URL(path.startsWith("http") ? path : `/api/auth${path}`, env.APP_URL),
    {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: "manual",
    },
  );
  const response = await (method === "GET" ? authGet(request) : authPost(request));
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
  const text = await response.text();
  let body: Record<string, unknown> | null = null;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body, headers: response.headers, cookie };
}

export async function signIn(email: string, password: string, ip?: string) {
  return authFetch("/sign-in/email", { body: { email, password }, ip });
}

export async function getSessionFor(cookie: string) {
  return auth.api.getSession({ headers: new Headers({ cookie }) });
}
