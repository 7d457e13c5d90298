import { sql } from "drizzle-orm";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";

/** A sign-up still running is never taken for an unfinished one: it ends within seconds. */
export const UNFINISHED_AFTER_MS = 60_000;

/**
 * Make sign-up completable after a failure half-way. Better Auth writes the user (with their
 * personal workspace, by trigger), then the password account, then the verification email, each
 * on its own; if the database fails after the first, the address is taken by a user nobody can
 * sign in as, and signing up again only says "you already have an account". Called before every
 * email sign-up: a user with this address that has no account of any kind, is not verified, has
 * never had a session and is older than a minute is what such a failure leaves, used by nobody,
 * so it is removed with its (empty) personal workspace and the sign-up runs as a fresh one.
 * Returns whether one was removed.
 */
export async function discardUnfinishedSignUp(email: unknown): Promise<boolean> {
  if (typeof email !== "string") return false;
  const address = email.trim().toLowerCase();
  const before = new Date(now().getTime() - UNFINISHED_AFTER_MS).toISOString();
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`
      select u.id from users u
      where u.email = ${address} and u.email_verified = false and u.created_at < ${before}
        and not exists (select 1 from accounts a where a.user_id = u.id)
        and not exists (select 1 from sessions s where s.user_id = u.id)
      for update`);
    const userId = rows[0]?.id;
    if (!userId) return false;
    await tx.execute(sql`
      delete from workspaces w
      where w.personal
        and exists (select 1 from members m where m.workspace_id = w.id and m.user_id = ${userId})
        and not exists (
          select 1 from members m where m.workspace_id = w.id and m.user_id <> ${userId})`);
    await tx.execute(sql`delete from users where id = ${userId}`);
    return true;
  });
}
