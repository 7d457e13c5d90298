import { env } from "@/lib/env";

/** Longer than any path of ours with its query; anything longer is not a link we made. */
const MAX_LENGTH = 2048;

/** An encoded `/` or `\` in the path: harmless here, but a second decoding turns it into `//`. */
const ENCODED_SEPARATOR = /%2f|%5c/i;

/**
 * Where to send someone back to after signing in (or after an emailed link): `value` when it
 * resolves to a page of this site, as its path, query and hash; `fallback` otherwise.
 *
 * The one check for every `next`, `returnTo`, `callbackURL` and `redirectTo` we read. It resolves
 * the value as a browser would (`new URL(value, APP_URL)`: backslashes become slashes, tabs and
 * newlines vanish, `javascript:` and `data:` get an opaque origin) and accepts it only when the
 * origin is APP_URL's. A path that would still read as protocol-relative (`//host`, e.g. from
 * `/.//host`) or that carries an encoded slash or backslash is refused too.
 */
export function safeRedirectPath(value: unknown, fallback?: string): string;
export function safeRedirectPath(value: unknown, fallback: null): string | null;
export function safeRedirectPath(value: unknown, fallback: string | null = "/app"): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  let url: URL;
  try {
    url = new URL(value, env.APP_URL);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(env.APP_URL).origin) return fallback;
  if (url.pathname.startsWith("//") || ENCODED_SEPARATOR.test(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
