import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePlatformAdmin, type AdminPrincipal } from "@/lib/admin/require-platform-admin";
import type { AuthSession } from "@/lib/auth/auth";
import { getSession, principalOf } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";

/**
 * The first call of every /admin page, layout and action: the platform admin and their session,
 * or a 404 for anyone else (signed in or not), so the console's existence is not revealed.
 * Checked once per request (React's `cache`): the layout and the page of one request share the
 * answer instead of reading the role twice; every new request reads it again.
 */
export const requireAdmin = cache(checkAdmin);

async function checkAdmin(): Promise<{ admin: AdminPrincipal; session: AuthSession }> {
  const session = await getSession();
  try {
    const admin = await requirePlatformAdmin(session ? principalOf(session) : null);
    return { admin, session: session! };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}
