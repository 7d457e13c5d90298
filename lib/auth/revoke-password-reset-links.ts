import type { HookEndpointContext } from "better-auth";
import { isAPIError } from "better-auth/api";
import { and, eq, like } from "drizzle-orm";
import { db } from "@/lib/db";
import { verifications } from "@/lib/db/schema";

/**
 * Better Auth 1.7.5 keeps each emailed reset link as a `verifications` row with the identifier
 * `reset-password:<token>` (stored as is: `verification.storeIdentifier` is not set) and the
 * user's id as its value. Using one link deletes only that row.
 */
const RESET_IDENTIFIER = "reset-password:%";

/**
 * Delete every outstanding password-reset link of a user, so that once the password has been
 * reset or changed, no other link sent earlier (perhaps to a mailbox an attacker read) still
 * sets a new one.
 */
export async function revokePasswordResetLinks(userId: string): Promise<void> {
  await db
    .delete(verifications)
    .where(and(eq(verifications.value, userId), like(verifications.identifier, RESET_IDENTIFIER)));
}

/**
 * After-hook part: a successful `/change-password` (the signed-in user) or
 * `/admin/set-user-password` (the user an admin named) ends that user's reset links. A reset
 * through a link does it in `emailAndPassword.onPasswordReset`.
 */
export async function revokeResetLinksAfterPasswordChange(ctx: HookEndpointContext): Promise<void> {
  const returned: unknown = ctx.context.returned;
  if (!returned || isAPIError(returned)) return;
  let userId: unknown;
  if (ctx.path === "/change-password") {
    userId = ctx.context.session?.user.id ?? (returned as { user?: { id?: unknown } }).user?.id;
  } else if (ctx.path === "/admin/set-user-password") {
    userId = (ctx.body as { userId?: unknown } | undefined)?.userId;
  }
  if (typeof userId === "string" && userId.length > 0) await revokePasswordResetLinks(userId);
}
