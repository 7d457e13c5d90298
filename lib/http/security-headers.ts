import type { Env } from "@/lib/env";

/**
 * Every security header the app sends, in one place. proxy.ts applies them to every response it
 * matches (pages, route handlers, server actions); see docs/security.md for why each is there.
 */

export interface SecurityPolicyOptions {
  /**
   * The request's script nonce. `null` for the one response whose HTML is shared between
   * visitors (the cached public board page), which gets `'unsafe-inline'` instead.
   */
  nonce: string | null;
  /** `next dev`: React needs `eval` for its debugging aids. */
  development: boolean;
  /** A production deployment: HSTS. */
  production: boolean;
  /** Production on https: `upgrade-insecure-requests`. */
  https: boolean;
  /** NEXT_PUBLIC_SENTRY_DSN: the browser SDK posts events to its ingest origin. */
  sentryDsn?: string;
  /** STRIPE_API_URL: the local Stripe emulator's hosted checkout (dev and tests only). */
  stripeApiUrl?: string;
  /** Supabase Storage (or the local stand-in): attachment images load from its signed URLs. */
  storageUrl?: string;
}

/** Stripe's hosted pages that server actions redirect a form post to (Checkout, Portal). */
const STRIPE_FORM_TARGETS = ["https://checkout.stripe.com", "https://billing.stripe.com"];

/** A fresh script nonce: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

function originOf(url: string | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  return new URL(url).origin;
}

/** The Content-Security-Policy value for one response. */
export function contentSecurityPolicy(options: SecurityPolicyOptions): string {
  const script = options.nonce
    ? ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'"]
    : ["'self'", "'unsafe-inline'"];
  if (options.development) script.push("'unsafe-eval'");

  const connect = ["'self'"];
  const sentry = originOf(options.sentryDsn);
  if (sentry) connect.push(sentry);

  const formAction = ["'self'", ...STRIPE_FORM_TARGETS];
  const emulator = originOf(options.stripeApiUrl);
  if (emulator) formAction.push(emulator);

  // Attachment images redirect to short-lived signed URLs on the storage host.
  const images = ["'self'", "data:", "blob:"];
  const storage = originOf(options.storageUrl);
  if (storage) images.push(storage);

  const directives = [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${images.join(" ")}`,
    "font-src 'self'",
    `connect-src ${connect.join(" ")}`,
    // Sentry Session Replay compresses recordings in a worker it starts from a blob: URL.
    ...(sentry ? ["worker-src 'self' blob:"] : []),
    "frame-src 'none'",
    `form-action ${formAction.join(" ")}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ];
  if (options.production && options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * The headers that depend on nothing but the deployment: every response carries them. proxy.ts
 * adds them to what it matches; next.config.ts `headers()` puts them on everything else too
 * (build assets under /_next/static, files in public/), which the proxy does not run for.
 */
export function baselineSecurityHeaders(production: boolean): Record<string, string> {
  return {
    ...(production
      ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload" }
      : {}),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
  };
}

/** Every security header of a response, the CSP included. */
export function securityHeaders(
  options: SecurityPolicyOptions,
): Record<string, string> & { "Content-Security-Policy": string } {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    ...baselineSecurityHeaders(options.production),
  };
}

/** The deployment-dependent part of the options, from the validated environment. */
export function securityOptionsFromEnv(
  env: Pick<
    Env,
    "NODE_ENV" | "APP_URL" | "NEXT_PUBLIC_SENTRY_DSN" | "STRIPE_API_URL" | "SUPABASE_URL"
  >,
): Omit<SecurityPolicyOptions, "nonce"> {
  return {
    development: env.NODE_ENV === "development",
    production: env.NODE_ENV === "production",
    https: env.APP_URL.startsWith("https://"),
    sentryDsn: env.NEXT_PUBLIC_SENTRY_DSN,
    stripeApiUrl: env.STRIPE_API_URL,
    storageUrl: env.SUPABASE_URL,
  };
}
