import { eq } from "drizzle-orm";
import { z } from "zod";
import { auth } from "@/lib/auth/auth";
import { callAuth, type AuthCallResult } from "@/lib/auth/call-auth";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isId, parseInput } from "@/lib/validation";
import { isLastPlatformAdmin, lockPlatformAdmins } from "./platform-admins";
import { recordAdminAction } from "./record-admin-action";
import type { AdminPrincipal } from "./require-platform-admin";
import { reasonSchema } from "./schemas";
import { findUserSession } from "./get-user-detail";

/**
 * The console's actions on a user. Each validates its input (the reason is required), refuses
 * what must not happen, acts through Better Auth's admin plugin (callAuth: its own admin check,
 * hooks and session handling apply) and then records the action in the audit trail with the
 * admin as actor. Better Auth writes without our transaction (see lib/auth/auth.ts), so the
 * audit entry follows the change rather than committing with it.
 */

const banInput = z.object({
  reason: reasonSchema,
  expiresInDays: z
    .union([z.literal(""), z.coerce.number()])
    .optional()
    .transform((value) => (value === "" || value === undefined ? null : value))
    .pipe(
      z
        .number({ error: "Give a whole number of days, or leave it empty." })
        .int("Give a whole number of days, or leave it empty.")
        .min(1, "A ban lasts at least 1 day (leave it empty for no end).")
        .max(3650, "A ban lasts at most 3,650 days (leave it empty for no end).")
        .nullable(),
    ),
});
const reasonOnly = z.object({ reason: reasonSchema });

async function loadTarget(userId: string) {
  if (!isId(userId)) throw new AppError("not_found", "No user has this id.");
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      banned: users.banned,
      emailVerified: users.emailVerified,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new AppError("not_found", "No user has this id.");
  return user;
}

function ensureOk(result: AuthCallResult, what: string) {
  if (result.ok) return;
  if (result.status === 429) {
    throw new AppError("rate_limited", `Too many attempts to ${what}. Try again shortly.`);
  }
  if (result.status === 404) throw new AppError("not_found", "No user has this id.");
  throw new AppError(
    result.status === 403 ? "forbidden" : "bad_request",
    result.message ?? `Could not ${what}.`,
  );
}

/** Ban a user (all their sessions end), with a reason and an optional end in days. */
export async function banUser(admin: AdminPrincipal, userId: string, input: unknown) {
  const target = await loadTarget(userId);
  const data = parseInput(banInput, input);
  if (target.id === admin.userId) {
    throw new AppError("conflict", "You can't ban yourself. Ask another platform admin.");
  }
  const last = await db.transaction(async (tx) => {
    await lockPlatformAdmins(tx);
    return isLastPlatformAdmin(tx, target.id);
  });
  if (last)
    throw new AppError("conflict", "This is the last platform admin: they can't be banned.");
  ensureOk(
    await callAuth("/admin/ban-user", {
      userId: target.id,
      banReason: data.reason,
      ...(data.expiresInDays ? { banExpiresIn: data.expiresInDays * 24 * 60 * 60 } : {}),
    }),
    "ban this user",
  );
  await recordAdminAction(db, admin, {
    action: "admin.user_banned",
    target: { type: "user", id: target.id },
    reason: data.reason,
    metadata: { expiresInDays: data.expiresInDays },
  });
}

export async function unbanUser(admin: AdminPrincipal, userId: string, input: unknown) {
  const target = await loadTarget(userId);
  const { reason } = parseInput(reasonOnly, input);
  if (!target.banned) throw new AppError("conflict", "This user is not banned.");
  ensureOk(await callAuth("/admin/unban-user", { userId: target.id }), "unban this user");
  await recordAdminAction(db, admin, {
    action: "admin.user_unbanned",
    target: { type: "user", id: target.id },
    reason,
  });
}

/** Sign the user out everywhere (force sign-out). */
export async function revokeAllUserSessions(admin: AdminPrincipal, userId: string, input: unknown) {
  const target = await loadTarget(userId);
  const { reason } = parseInput(reasonOnly, input);
  ensureOk(
    await callAuth("/admin/revoke-user-sessions", { userId: target.id }),
    "sign this user out",
  );
  await recordAdminAction(db, admin, {
    action: "admin.sessions_revoked",
    target: { type: "user", id: target.id },
    reason,
  });
}

/** End one session of the user (never another user's: the id is checked against the user). */
export async function revokeUserSession(
  admin: AdminPrincipal,
  userId: string,
  sessionId: string,
  input: unknown,
) {
  const target = await loadTarget(userId);
  const { reason } = parseInput(reasonOnly, input);
  const session = await findUserSession(target.id, sessionId);
  ensureOk(
    await callAuth("/admin/revoke-user-session", { sessionToken: session.token }),
    "end this session",
  );
  await recordAdminAction(db, admin, {
    action: "admin.session_revoked",
    target: { type: "user", id: target.id },
    reason,
    metadata: { sessionId: session.id },
  });
}

/** Send the verification email again to a user who has not verified their address. */
export async function resendVerification(admin: AdminPrincipal, userId: string, input: unknown) {
  const target = await loadTarget(userId);
  const { reason } = parseInput(reasonOnly, input);
  if (target.emailVerified) throw new AppError("conflict", "This address is already verified.");
  // Not through callAuth: with the admin's cookie forwarded, Better Auth would refuse an address
  // that is not the signed-in admin's own ("Email mismatch"). Without a session it sends the
  // link to the account's own address, as the sign-in page's "resend" does.
  await auth.api.sendVerificationEmail({ body: { email: target.email, callbackURL: "/verified" } });
  await recordAdminAction(db, admin, {
    action: "admin.verification_resent",
    target: { type: "user", id: target.id },
    reason,
  });
}
