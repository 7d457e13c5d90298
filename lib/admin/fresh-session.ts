import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { auth } from "@/lib/auth/auth";
import { nowMs } from "@/lib/clock";
import { db } from "@/lib/db";
import { accounts, sessions, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { checkRateLimit } from "@/lib/ratelimit/rate-limiter";
import { parseInput } from "@/lib/validation";
import type { AdminPrincipal } from "./require-platform-admin";

/** How long a sign-in or a re-entered password counts as fresh for sensitive console actions. */
export const FRESH_SESSION_MS = 15 * 60 * 1000;

export const REAUTH_REQUIRED =
  "This needs a fresh sign-in: your session is older than 15 minutes. Re-enter your password below, then try again.";

/** The session a console action runs in (Better Auth's session fields we need). */
export interface ConsoleSession {
  id: string;
  createdAt: Date;
}

/**
 * Whether this session signed in, or re-entered its password, in the last 15 minutes (business
 * time, lib/clock.ts), and until when it stays fresh.
 */
export async function sessionFreshness(
  session: ConsoleSession,
): Promise<{ fresh: boolean; freshUntil: Date }> {
  const [row] = await db
    .select({ reauthenticatedAt: sessions.reauthenticatedAt })
    .from(sessions)
    .where(eq(sessions.id, session.id));
  const last = Math.max(
    new Date(session.createdAt).getTime(),
    row?.reauthenticatedAt?.getTime() ?? 0,
  );
  const freshUntil = new Date(last + FRESH_SESSION_MS);
  return { fresh: nowMs() < freshUntil.getTime(), freshUntil };
}

/**
 * The check in front of every sensitive console action (impersonation, refunds, deletion): an
 * admin whose session is older than 15 minutes is refused (code `unauthorized`, the message says
 * to re-enter the password) until `reauthenticate` marks the session fresh again.
 */
export async function requireFreshSession(session: ConsoleSession): Promise<void> {
  const { fresh } = await sessionFreshness(session);
  if (!fresh) {
    throw new AppError("unauthorized", REAUTH_REQUIRED);
  }
}

const reauthInput = z.object({
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(256, "That is not your password."),
});

/**
 * Re-enter the password: verified against the admin's own credential (Better Auth's hasher), and
 * on success the session is fresh for another 15 minutes (`sessions.reauthenticated_at`).
 * Attempts count against the account's sign-in limit, so this is no way around it.
 */
export async function reauthenticate(
  admin: AdminPrincipal,
  session: ConsoleSession,
  input: unknown,
): Promise<{ freshUntil: Date }> {
  const { password } = parseInput(reauthInput, input);
  const [row] = await db
    .select({ email: users.email, hash: accounts.password })
    .from(users)
    .leftJoin(accounts, and(eq(accounts.userId, users.id), eq(accounts.providerId, "credential")))
    .where(eq(users.id, admin.userId));
  if (!row) throw new AppError("not_found", "Not found.");
  const limited = await checkRateLimit("auth:sign-in:account", row.email.toLowerCase());
  if (!limited.success) {
    throw new AppError("rate_limited", "Too many attempts. Wait a few minutes and try again.");
  }
  if (!row.hash) {
    throw new AppError(
      "conflict",
      "Your account has no password (you sign in by email link). Set one from “Forgot password” first.",
    );
  }
  const context = await auth.$context;
  const ok = await context.password.verify({ hash: row.hash, password });
  if (!ok) {
    throw new AppError("validation_failed", "That password is not right.", {
      password: ["That password is not right."],
    });
  }
  const at = new Date(nowMs());
  const updated = await db
    .update(sessions)
    .set({ reauthenticatedAt: at })
    .where(and(eq(sessions.id, session.id), eq(sessions.userId, admin.userId)))
    .returning({ id: sessions.id });
  if (updated.length === 0)
    throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return { freshUntil: new Date(at.getTime() + FRESH_SESSION_MS) };
}
