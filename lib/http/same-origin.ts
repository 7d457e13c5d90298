import { env } from "@/lib/env";

/**
 * Cookie-authenticated JSON writes must come from our own pages: a browser always sends Origin
 * on a cross-site POST, so a missing or foreign Origin is refused (CSRF).
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  return origin !== null && origin === new URL(env.APP_URL).origin;
}

/**
 * A cross-site server action: a POST naming a `Next-Action`, or any POST to a page (a form
 * posted without JavaScript carries the action in its body), whose `Origin` is not APP_URL's.
 * Next.js refuses these itself, but by throwing (a 500 and an error report); proxy.ts answers
 * 403 first. A POST without `Origin` is left to Next.js, which lets it through as it always
 * has: browsers send `Origin` on every POST, so only non-browser clients omit it, and they
 * carry no one's cookies.
 */
export function isCrossSiteAction(method: string, pathname: string, headers: Headers): boolean {
  if (method !== "POST") return false;
  if (!headers.has("next-action") && pathname.startsWith("/api/")) return false;
  const origin = headers.get("origin");
  return origin !== null && origin !== new URL(env.APP_URL).origin;
}
