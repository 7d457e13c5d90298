import { and, eq, ne, sql, count } from "drizzle-orm";
import { db, type Transaction } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { recordAdminAction } from "./record-admin-action";
import { PLATFORM_ADMIN_ROLE } from "./require-platform-admin";

/**
 * Serialises every change that could remove a platform admin (demotion, ban), so two operators
 * demoting each other at once cannot leave nobody able to open the console.
 */
export async function lockPlatformAdmins(tx: Transaction) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('platform-admins'))`);
}

/**
 * Whether taking `userId` away from the platform admins (demoting or banning them) would leave
 * no active admin. Call it inside a transaction that holds `lockPlatformAdmins`.
 */
export async function isLastPlatformAdmin(tx: Transaction, userId: string): Promise<boolean> {
  const [target] = await tx
    .select({ role: users.role, banned: users.banned })
    .from(users)
    .where(eq(users.id, userId));
  if (!target || target.role !== PLATFORM_ADMIN_ROLE || target.banned) return false;
  const [others] = await tx
    .select({ n: count() })
    .from(users)
    .where(
      and(
        eq(users.role, PLATFORM_ADMIN_ROLE),
        ne(users.id, userId),
        sql`coalesce(${users.banned}, false) = false`,
      ),
    );
  return (others?.n ?? 0) === 0;
}

export type PlatformRoleChange = "granted" | "revoked" | "unchanged";

/**
 * Make the user with this email a platform admin (`grant`) or an ordinary user (`revoke`), from
 * the command line (`npm run admin:grant`), never from the UI. Refuses an unknown email and
 * demoting the last platform admin; records the change in the audit trail.
 */
export async function setPlatformAdmin(
  email: string,
  grant: boolean,
  reason: string | null = null,
): Promise<{ userId: string; change: PlatformRoleChange }> {
  return db.transaction(async (tx) => {
    await lockPlatformAdmins(tx);
    const [user] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email.trim()})`);
    if (!user) throw new AppError("not_found", `No user has the email ${email.trim()}.`);
    const isAdmin = user.role === PLATFORM_ADMIN_ROLE;
    if (isAdmin === grant) return { userId: user.id, change: "unchanged" as const };
    if (!grant && (await isLastPlatformAdmin(tx, user.id))) {
      throw new AppError(
        "conflict",
        `${email.trim()} is the last platform admin: grant another admin first.`,
      );
    }
    await tx
      .update(users)
      .set({ role: grant ? PLATFORM_ADMIN_ROLE : "user" })
      .where(eq(users.id, user.id));
    await recordAdminAction(
      tx,
      { cli: true },
      {
        action: grant ? "admin.role_granted" : "admin.role_revoked",
        target: { type: "user", id: user.id },
        reason,
      },
    );
    return { userId: user.id, change: grant ? ("granted" as const) : ("revoked" as const) };
  });
}
