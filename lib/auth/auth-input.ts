import { APIError } from "better-auth/api";
import { userText } from "@/lib/validation";

/**
 * What Better Auth's own endpoints accept beyond their schemas, checked in the `before` hook
 * (lib/auth/auth.ts) for every auth request, HTTP or `auth.api.*`:
 *
 * - No NUL anywhere in the body or query: Postgres refuses it and the statement would fail
 *   with a 500 (a reset token, a name…).
 * - A profile `name` (sign-up, update-user, and the admin plugin's `data.name`) is user text:
 *   no control characters, at most 100 characters.
 * - A profile `image` is an https URL or a path on this site; never `javascript:`, `data:` or
 *   plain http, which would end up in an `<img src>` or a link.
 *
 * A refusal is a 400 whose message starts with the field, like Better Auth's own
 * `[body.email] Invalid email address`, and whose `field` names it.
 */
export function assertAuthInput(input: { body?: unknown; query?: unknown }): void {
  for (const [where, value] of [
    ["body", input.body],
    ["query", input.query],
  ] as const) {
    const nul = findNul(value, where);
    if (nul) refuse(nul, "Remove the invisible control characters from this text, then try again.");
  }
  for (const profile of profilesIn(input.body)) {
    if (profile.value.name !== undefined && profile.value.name !== null) {
      const parsed = PROFILE_NAME.safeParse(profile.value.name);
      if (!parsed.success) refuse(`${profile.path}.name`, parsed.error.issues[0]!.message);
    }
    if (!isAllowedImage(profile.value.image)) {
      refuse(
        `${profile.path}.image`,
        "Use an https:// address or a path on this site for the profile image.",
      );
    }
  }
}

const PROFILE_NAME = userText({ required: "Enter your name.", max: 100 });

/** An image a browser may load from a profile: https, or a path on this site (not `//host`). */
export function isAllowedImage(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (typeof value !== "string" || value.length > 2048 || /[\u0000-\u0020\\]/.test(value)) {
    return false;
  }
  if (value.startsWith("/")) return !value.startsWith("//");
  return URL.canParse(value) && new URL(value).protocol === "https:";
}

function refuse(field: string, message: string): never {
  throw new APIError("BAD_REQUEST", {
    code: "INVALID_INPUT",
    message: `[${field}] ${message}`,
    field: field.split(".").at(-1),
  });
}

/** The body itself and the admin plugin's `data` object: where profile fields can be set. */
function profilesIn(body: unknown): { path: string; value: Record<string, unknown> }[] {
  if (!isRecord(body)) return [];
  const found = [{ path: "body", value: body }];
  if (isRecord(body.data)) found.push({ path: "body.data", value: body.data });
  return found;
}

/** The path of the first string holding a NUL, a few levels deep. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (depth > 4 || value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const found = findNul(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
