import { APIError } from "better-auth/api";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

/** Body and query fields in which Better Auth takes a URL it later redirects to. */
const REDIRECT_FIELDS = ["callbackURL", "redirectTo", "errorCallbackURL", "newUserCallbackURL"];

function decodedOnce(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * Refuse (400, naming the field) any redirect target in an auth request that `safeRedirectPath`
 * would not accept: the callbackURL a magic link or a verification email will lead to, the
 * reset page, and the same fields in the query of an emailed link (where anyone can edit them).
 * Better Auth checks these against `trustedOrigins` too, but not under NODE_ENV=test, and the
 * magic-link endpoint decodes its query once more, so the decoded form is checked as well.
 */
export function assertSafeCallbackUrls(input: { body?: unknown; query?: unknown }): void {
  for (const source of [input.body, input.query]) {
    if (!source || typeof source !== "object") continue;
    const fields = source as Record<string, unknown>;
    for (const field of REDIRECT_FIELDS) {
      const value = fields[field];
      if (value === undefined || value === null || value === "") continue;
      const decoded = typeof value === "string" ? decodedOnce(value) : null;
      if (
        decoded === null ||
        safeRedirectPath(value, null) === null ||
        safeRedirectPath(decoded, null) === null
      ) {
        throw new APIError("BAD_REQUEST", {
          code: "INVALID_CALLBACK_URL",
          message: `${field} must be a page of this site, like /app.`,
        });
      }
    }
  }
}
