import { problem } from "@/lib/http/problem-json";
import { logger } from "@/lib/observability/logger";
import { checkRateLimit, rateLimitHeaders, type LimitResult } from "@/lib/ratelimit/rate-limiter";
import type { PolicyName } from "@/lib/ratelimit/policies";

/** The header that carries our verdict on the client address to Better Auth (limiter, sessions). */
export { CLIENT_IP_HEADER } from "@/lib/http/client-ip";

/** Endpoints that send an email to the address in their body. */
const EMAIL_SENDING = new Set([
  "/request-password-reset",
  "/sign-in/magic-link",
  "/send-verification-email",
]);

/** Endpoints that set a new password or address for an account. */
const CREDENTIAL_CHANGING = new Set(["/reset-password", "/change-password", "/change-email"]);

/** Emailed links (the token is in the URL): email verification, magic link, reset landing. */
function isEmailedLink(path: string): boolean {
  return (
    path === "/verify-email" || path === "/magic-link/verify" || path.startsWith("/reset-password/")
  );
}

/** Whether the limits of this endpoint read its JSON body (the account signed in to). */
export function readsBody(path: string): boolean {
  return path === "/sign-in/email";
}

/**
 * The only limiter on Better Auth's endpoints (its own is off in lib/auth/auth.ts, so every
 * refusal has one shape): per client address for every endpoint, tighter for the account-facing
 * ones, and per account for sign-in. Checked by the auth route and by `callAuth` before Better
 * Auth runs. Returns the first refusal, or null when the request may go on.
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
  } else if (CREDENTIAL_CHANGING.has(path)) {
    checks.push(["auth:credential-change:ip", ip]);
  } else if (isEmailedLink(path)) {
    checks.push(["auth:link:ip", ip]);
  } else {
    // Everything else, per address and endpoint (`/admin/…` counts as one).
    checks.push(["auth:request:ip", `${ip} /${path.split("/")[1] ?? ""}`]);
  }
  for (const [policy, identity] of checks) {
    const result = await checkRateLimit(policy, identity);
    if (!result.success) return result;
  }
  return null;
}

/** Our refusal: problem+json 429 (or 503 when Redis is away) with RateLimit-* and Retry-After. */
export function authRateLimitResponse(refused: LimitResult, instance: string): Response {
  const response = refused.unavailable
    ? problem(
        503,
        "unavailable",
        "Signing in is briefly unavailable. Try again in a minute.",
        instance,
      )
    : problem(429, "rate_limited", "Too many attempts. Wait a moment and try again.", instance);
  for (const [name, value] of Object.entries(rateLimitHeaders(refused))) {
    response.headers.set(name, value);
  }
  return response;
}

/**
 * Whether one more account email (password reset, magic link, address verification, "you
 * already have an account") may go to this address now, whichever client asks for it. Over the
 * limit, or with Redis away (the policy fails closed), the email is quietly not sent: the
 * request is answered exactly as for an address with no account, so the limit reveals nothing.
 */
export async function allowAccountEmail(email: string, template: string): Promise<boolean> {
  const result = await checkRateLimit("auth:email:recipient", email);
  if (!result.success) {
    logger.warn(
      { template, unavailable: result.unavailable },
      "account email not sent: too many for this recipient",
    );
  }
  return result.success;
}
