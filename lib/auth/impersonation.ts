import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { getSession } from "./session";

/** Better Auth's admin plugin keeps the admin's own session here while they impersonate. */
const ADMIN_SESSION_COOKIE = `${env.APP_URL.startsWith("https://") ? "__Secure-" : ""}pb.admin_session`;

export interface Impersonation {
  user: { id: string; name: string; email: string };
  expiresAt: Date;
}

/**
 * The impersonation this request runs in, for the banner on every page, or null. Costs nothing
 * for everyone else: the session is read only when the admin-session cookie is there (and it is
 * the request's one cached session read).
 */
export async function currentImpersonation(): Promise<Impersonation | null> {
  const jar = await cookies();
  if (!jar.has(ADMIN_SESSION_COOKIE)) return null;
  const session = await getSession();
  if (!session?.session.impersonatedBy) return null;
  return {
    user: { id: session.user.id, name: session.user.name, email: session.user.email },
    expiresAt: new Date(session.session.expiresAt),
  };
}
