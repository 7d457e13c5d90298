import { Resend } from "resend";
import { env } from "@/lib/env";

let client: Resend | undefined;

/** The Resend SDK, or null when RESEND_API_KEY is not set (mail stays in the local outbox). */
export function resendClient(): Resend | null {
  if (!env.RESEND_API_KEY) return null;
  // The SDK reads RESEND_BASE_URL itself; lib/env validates it.
  client ??= new Resend(env.RESEND_API_KEY);
  return client;
}
