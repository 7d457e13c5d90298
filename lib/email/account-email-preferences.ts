import { eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getSuppression, isSubscribed, setSubscribed, type Suppression } from "./preferences";

export interface AccountEmailPreferences {
  /** The address the preferences apply to: the principal's own. */
  email: string;
  /** Status-change emails for problems they follow (category `notification`). */
  notifications: boolean;
  /** Set when the address bounced or complained: notifications stop whatever the choice. */
  suppression: Suppression | null;
}

/**
 * The principal's own address, read from their user row. Preferences are keyed by address, so
 * taking it from here (never from input) is what keeps one user from changing another's.
 */
async function ownEmail(principal: Principal): Promise<string> {
  const [user] = await db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, principal.userId));
  if (!user) throw new AppError("not_found", "This account no longer exists.");
  return user.email;
}

export async function getAccountEmailPreferences(
  principal: Principal,
): Promise<AccountEmailPreferences> {
  const email = await ownEmail(principal);
  const [notifications, suppression] = await Promise.all([
    isSubscribed(email, "notification"),
    getSuppression(email),
  ]);
  return { email, notifications, suppression };
}

/** Opt the principal's address in to or out of notification email. Idempotent. */
export async function setAccountNotificationEmails(
  principal: Principal,
  subscribed: boolean,
): Promise<{ notifications: boolean }> {
  await setSubscribed(await ownEmail(principal), "notification", subscribed);
  return { notifications: subscribed };
}
