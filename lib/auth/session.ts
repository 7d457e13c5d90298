import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth, type AuthSession } from "./auth";
import type { Principal } from "./principal";

/** The signed-in session for this request (read once per request), or null. */
export const getSession = cache(async (): Promise<AuthSession | null> =>
  auth.api.getSession({ headers: await headers() }),
);

/** The session, or a redirect to sign-in that returns here afterwards. */
export async function requireSession(returnTo?: string): Promise<AuthSession> {
  const session = await getSession();
  if (!session) {
    redirect(returnTo ? `/sign-in?next=${encodeURIComponent(returnTo)}` : "/sign-in");
  }
  return session;
}

export function principalOf(session: AuthSession): Principal {
  return {
    userId: session.user.id,
    platformRole: session.user.role ?? null,
    impersonatorId: session.session.impersonatedBy ?? null,
  };
}
