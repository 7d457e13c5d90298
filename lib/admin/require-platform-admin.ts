import { eq } from "drizzle-orm";
import { grantConsoleAccess } from "@/lib/auth/console-access";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

/** The platform role that opens the operator console (Better Auth admin plugin's `role`). */
export const PLATFORM_ADMIN_ROLE = "admin";

/** A principal the console has checked: a platform admin acting as themselves. */
export interface AdminPrincipal extends Principal {
  platformRole: typeof PLATFORM_ADMIN_ROLE;
  impersonatorId: null;
}

/**
 * The wall in front of every /admin page and action. Refuses with `not_found` (the console's
 * existence is not revealed) anyone who is not signed in, not a platform admin, banned, or an
 * impersonated session (an admin acting as someone else never reaches the console). The role is
 * read from the database, not the session, so a demoted admin is out on their next request.
 */
export async function requirePlatformAdmin(principal: Principal | null): Promise<AdminPrincipal> {
  if (!principal || principal.impersonatorId) throw notFound();
  const [user] = await db
    .select({ role: users.role, banned: users.banned })
    .from(users)
    .where(eq(users.id, principal.userId));
  if (!user || user.role !== PLATFORM_ADMIN_ROLE || user.banned) throw notFound();
  // Marked as checked: the console may moderate in any workspace (lib/auth/console-access.ts).
  return grantConsoleAccess<AdminPrincipal>({
    userId: principal.userId,
    platformRole: PLATFORM_ADMIN_ROLE,
    impersonatorId: null,
  });
}

const notFound = () => new AppError("not_found", "Not found.");
