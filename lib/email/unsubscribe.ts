import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Unsubscribe links carry the address and category with an HMAC, so one click works without
 * signing in and nobody can unsubscribe someone else by editing the link.
 */
function signature(email: string, category: string): string {
  return createHmac("sha256", env.BETTER_AUTH_SECRET)
    .update(`unsubscribe:${email}:${category}`)
    .digest("base64url");
}

export function unsubscribeToken(email: string, category: string): string {
  const address = Buffer.from(email).toString("base64url");
  return `${address}.${category}.${signature(email, category)}`;
}

export function readUnsubscribeToken(token: string): { email: string; category: string } | null {
  const [address, category, given] = token.split(".");
  if (!address || !category || !given) return null;
  const email = Buffer.from(address, "base64url").toString("utf8");
  const expected = Buffer.from(signature(email, category));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return { email, category };
}

/** The page a person opens from the footer link. */
export function unsubscribePageUrl(email: string, category: string): string {
  return `${env.APP_URL}/email/unsubscribe?token=${unsubscribeToken(email, category)}`;
}

/** The RFC 8058 one-click endpoint mail clients POST to (List-Unsubscribe-Post). */
export function oneClickUnsubscribeUrl(email: string, category: string): string {
  return `${env.APP_URL}/api/email/unsubscribe?token=${unsubscribeToken(email, category)}`;
}
