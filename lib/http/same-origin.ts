import { env } from "@/lib/env";

/**
 * Cookie-authenticated JSON writes must come from our own pages: a browser always sends Origin
 * on a cross-site POST, so a missing or foreign Origin is refused (CSRF).
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  return origin !== null && origin === new URL(env.APP_URL).origin;
}
