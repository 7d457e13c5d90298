import { eq } from "drizzle-orm";
import { auth } from "@/lib/auth/auth";
import { withOperatorReason } from "@/lib/audit/auth-events";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId, parseInput } from "@/lib/validation";
import { requireFreshSession, type ConsoleSession } from "./fresh-session";
import { PLATFORM_ADMIN_ROLE, type AdminPrincipal } from "./require-platform-admin";
import { reasonInput } from "./schemas";

/**
 * Sign in as a user to see what they see (support). Needs a fresh session and a reason; refuses
 * yourself, another platform admin and a banned user. Better Auth's admin plugin creates the
 * impersonated session (marked `impersonated_by`, ending after an hour) and keeps the admin's
 * own session in its `admin_session` cookie for "Stop impersonating"; the request's cookies
 * change to the user's (nextCookies). The audit entry names the admin (impersonator), the user
 * and the reason. `requestHeaders` are the admin's request headers (their session cookie).
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
  // The session hook records `admin.impersonation_started` (lib/audit/auth-events.ts): actor
  // type `admin` with the user's id and the admin as impersonator, the user as target, and
  // this reason.
  const result = await withOperatorReason(reason, () =>
    auth.api.impersonateUser({ body: { userId: target.id }, headers: requestHeaders }),
  );
  return { userId: target.id, expiresAt: new Date(result.session.expiresAt) };
}

/**
 * End an impersonation from the impersonated session: back to the admin's own session (Better
 * Auth reads it from the `admin_session` cookie and deletes the impersonated one), recorded with
 * the admin as impersonator. Returns the impersonated user's id (the console's page to return to).
 */
export async function stopImpersonating(
  session: { session: { impersonatedBy?: string | null }; user: { id: string } },
  requestHeaders: Headers,
): Promise<{ userId: string }> {
  const impersonatorId = session.session.impersonatedBy;
  if (!impersonatorId) throw new AppError("conflict", "You are not impersonating anyone.");
  // Recorded by the session hook as `admin.impersonation_stopped` (lib/audit/auth-events.ts).
  await auth.api.stopImpersonating({ headers: requestHeaders });
  return { userId: session.user.id };
}
