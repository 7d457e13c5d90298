import { eq } from "drizzle-orm";
import { auth } from "@/lib/auth/auth";
import { IMPERSONATION_SESSION_SECONDS } from "@/lib/auth/impersonation-guard";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId, parseInput } from "@/lib/validation";
import { requireFreshSession, type ConsoleSession } from "./fresh-session";
import { recordAdminAction } from "./record-admin-action";
import { PLATFORM_ADMIN_ROLE, type AdminPrincipal } from "./require-platform-admin";
import { reasonInput } from "./schemas";

/**
 * Sign in as a user to see what they see (support). Needs a fresh session and a reason; refuses
 * yourself, another platform admin and a banned user. Better Auth's admin plugin creates the
 * impersonated session (marked `impersonated_by`, ending after an hour) and keeps the admin's
 * own session in its `admin_session` cookie for "Stop impersonating"; the request's cookies
 * change to the user's (nextCookies). The audit entry names the admin (actor) and the user
 * (target). `requestHeaders` are the admin's request headers (their session cookie).
 */
export async function impersonateUser(
  admin: AdminPrincipal,
  session: ConsoleSession,
  userId: string,
  input: unknown,
  requestHeaders: Headers,
): Promise<{ userId: string; expiresAt: Date }> {
  if (!isId(userId)) throw new AppError("not_found", "No user has this id.");
  const [target] = await db
    .select({ id: users.id, role: users.role, banned: users.banned })
    .from(users)
    .where(eq(users.id, userId));
  if (!target) throw new AppError("not_found", "No user has this id.");
  const { reason } = parseInput(reasonInput, input);
  if (target.id === admin.userId) {
    throw new AppError("conflict", "You can't impersonate yourself.");
  }
  if (target.role === PLATFORM_ADMIN_ROLE) {
    throw new AppError("conflict", "Platform admins can't be impersonated.");
  }
  if (target.banned) {
    throw new AppError("conflict", "This user is banned: lift the ban before impersonating them.");
  }
  await requireFreshSession(session);
  const result = await auth.api.impersonateUser({
    body: { userId: target.id },
    headers: requestHeaders,
  });
  await recordAdminAction(db, admin, {
    action: "admin.impersonation_started",
    target: { type: "user", id: target.id },
    reason,
    metadata: {
      impersonatorId: admin.userId,
      impersonatedUserId: target.id,
      sessionId: result.session.id,
      minutes: IMPERSONATION_SESSION_SECONDS / 60,
    },
  });
  return { userId: target.id, expiresAt: new Date(result.session.expiresAt) };
}

/**
 * End an impersonation from the impersonated session: back to the admin's own session (Better
 * Auth reads it from the `admin_session` cookie and deletes the impersonated one), recorded with
 * the admin as actor. Returns the impersonated user's id (the console's page to return to).
 */
export async function stopImpersonating(
  session: { session: { impersonatedBy?: string | null }; user: { id: string } },
  requestHeaders: Headers,
): Promise<{ userId: string }> {
  const impersonatorId = session.session.impersonatedBy;
  if (!impersonatorId) throw new AppError("conflict", "You are not impersonating anyone.");
  await auth.api.stopImpersonating({ headers: requestHeaders });
  await recordAdminAction(
    db,
    { userId: impersonatorId, platformRole: PLATFORM_ADMIN_ROLE, impersonatorId: null },
    {
      action: "admin.impersonation_stopped",
      target: { type: "user", id: session.user.id },
      reason: null,
      metadata: { impersonatorId, impersonatedUserId: session.user.id },
    },
  );
  return { userId: session.user.id };
}
