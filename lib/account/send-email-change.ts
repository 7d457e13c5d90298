import { eq } from "drizzle-orm";
import { allowAccountEmail } from "@/lib/auth/auth-rate-limit";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";

/**
 * Better Auth asks for a verification email in two cases: a new account's address, and (change
 * email) the new address of an existing account, passed as `user.email` while the account still
 * has its old one. This tells the second case apart and handles it: the link goes to the new
 * address, and the old address gets a notice. Returns false for an ordinary verification.
 */
export async function sendEmailChangeVerification(
  user: { id: string; name: string; email: string },
  url: string,
  token: string,
): Promise<boolean> {
  const [current] = await db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, user.id));
  const newEmail = user.email.toLowerCase();
  if (!current || current.email.toLowerCase() === newEmail) return false;
  if (await allowAccountEmail(newEmail, "confirm-new-email")) {
    await sendEmail(
      "confirm-new-email",
      newEmail,
      { name: user.name, newEmail, url },
      { idempotencyKey: `confirm-new-email:${token}` },
    );
  }
  if (await allowAccountEmail(current.email, "email-change-requested")) {
    await sendEmail(
      "email-change-requested",
      current.email,
      { name: user.name, newEmail, accountUrl: `${env.APP_URL}/account` },
      { idempotencyKey: `email-change-requested:${token}` },
    );
  }
  return true;
}

/**
 * Whether a verification Better Auth just applied was a change of address (its token carries
 * `updateTo`) rather than a new account's first verification. Read from the link's token, which
 * Better Auth has verified by then; the payload is only looked at, never trusted for more.
 */
export function isEmailChangeVerification(request: Request | undefined): boolean {
  const token = request ? new URL(request.url).searchParams.get("token") : null;
  const payload = token?.split(".")[1];
  if (!payload) return false;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown;
    return typeof claims === "object" && claims !== null && "updateTo" in claims;
  } catch {
    return false;
  }
}
