import { checkRateLimit, type LimitResult } from "@/lib/ratelimit/rate-limiter";
import type { PolicyName } from "@/lib/ratelimit/policies";

/** The header that carries our verdict on the client address to Better Auth (limiter, sessions). */
export { CLIENT_IP_HEADER } from "@/lib/http/client-ip";

const EMAIL_SENDING = new Set([
  "/request-password-reset",
  "/sign-in/magic-link",
  "/send-verification-email",
]);

/** Whether a Better Auth endpoint is limited here (and so needs its JSON body read). */
export function isLimitedAuthPath(path: string): boolean {
  return path === "/sign-in/email" || path === "/sign-up/email" || EMAIL_SENDING.has(path);
}

/**
 * Our limits in front of Better Auth's (which stay, stored in Postgres): per client address for
 * every account-facing endpoint, and per account for sign-in. Returns the first refusal, or
 * null when the request may go on. These policies fail closed when Redis is away.
 */
export async function limitAuthRequest(
  path: string,
  ip: string,
  body: unknown,
): Promise<LimitResult | null> {
  const checks: [PolicyName, string][] = [];
  if (path === "/sign-in/email") {
    checks.push(["auth:sign-in:ip", ip]);
    const email = (body as { email?: unknown } | null)?.email;
    if (typeof email === "string" && email.length > 0) checks.push(["auth:sign-in:account", email]);
  } else if (path === "/sign-up/email") {
    checks.push(["auth:sign-up:ip", ip]);
  } else if (EMAIL_SENDING.has(path)) {
    checks.push(["auth:email:ip", ip]);
  }
  for (const [policy, identity] of checks) {
    const result = await checkRateLimit(policy, identity);
    if (!result.success) return result;
  }
  return null;
}
