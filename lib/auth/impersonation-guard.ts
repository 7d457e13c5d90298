import { APIError, getSessionFromCtx } from "better-auth/api";

/** How long an impersonation lasts before it ends by itself (Better Auth's admin plugin). */
export const IMPERSONATION_SESSION_SECONDS = 60 * 60;

/** Endpoints that change an account's password, address or existence. */
const CREDENTIAL_PATHS = new Set(["/change-password", "/change-email", "/delete-user"]);

export const IMPERSONATION_REFUSED =
  "You are impersonating this user: their password and email can't be changed. Stop impersonating first.";

type GuardContext = Parameters<typeof getSessionFromCtx>[0] & { path: string; _flag?: string };

/**
 * Impersonation's limits, for every auth request (lib/auth/auth.ts):
 * - it starts only from the console (lib/admin/impersonate-user.ts: fresh session, a reason, an
 *   audit entry), never by a request to `/api/auth/admin/impersonate-user` (404);
 * - an impersonated session cannot change the user's password or email, nor delete the account
 *   (403 with a message saying so). The console itself 404s for it (requirePlatformAdmin).
 */
export async function assertImpersonationLimits(ctx: GuardContext) {
  if (ctx.path === "/admin/impersonate-user" && ctx._flag === "router") {
    throw new APIError("NOT_FOUND", { message: "Not found." });
  }
  if (!CREDENTIAL_PATHS.has(ctx.path)) return;
  const session = await getSessionFromCtx(ctx);
  if (session?.session.impersonatedBy) {
    throw new APIError("FORBIDDEN", { code: "IMPERSONATING", message: IMPERSONATION_REFUSED });
  }
}
