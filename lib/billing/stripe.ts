import Stripe from "stripe";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

let client: Stripe | undefined;

/** Whether billing is wired to Stripe (or the local emulator) at all. */
export function billingConfigured(): boolean {
  return Boolean(env.STRIPE_SECRET_KEY);
}

/** True when the app talks to the local Stripe emulator: the UI shows a "test mode" banner. */
export function usingStripeEmulator(): boolean {
  return Boolean(env.STRIPE_API_URL);
}

/**
 * The Stripe SDK. STRIPE_API_URL (dev/test only, see lib/env.ts) points it at the local emulator
 * through the SDK's own host/port/protocol options. Network retries are the SDK's, with
 * idempotency keys on every write we make, so a retried request never acts twice.
 */
export function stripe(): Stripe {
  if (!env.STRIPE_SECRET_KEY) {
    throw new AppError(
      "unavailable",
      "Billing is not configured on this server (STRIPE_SECRET_KEY is not set).",
    );
  }
  if (!client) {
    const base = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : null;
    client = new Stripe(env.STRIPE_SECRET_KEY, {
      maxNetworkRetries: 2,
      timeout: 10_000,
      telemetry: false,
      appInfo: { name: "Problemboard" },
      ...(base
        ? {
            host: base.hostname,
            port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
            protocol: base.protocol === "https:" ? "https" : "http",
          }
        : {}),
    });
  }
  return client;
}

/** For tests that point billing at a fresh emulator. */
export function resetStripeClient(): void {
  client = undefined;
}

/** Stripe being unreachable or failing is a 503 for the person who clicked, never a 500. */
export function toBillingError(error: unknown): never {
  if (error instanceof AppError) throw error;
  if (error instanceof Stripe.errors.StripeError) {
    if (
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      error instanceof Stripe.errors.StripeRateLimitError
    ) {
      throw new AppError(
        "unavailable",
        "We couldn't reach our payment provider. Nothing was charged; please try again in a minute.",
      );
    }
    throw new AppError("bad_request", `Payment provider refused the request: ${error.message}`);
  }
  throw error;
}

/** Whether the key is a live-mode key (real money); the emulator and test keys are not. */
export function stripeLiveMode(): boolean {
  return /^(sk|rk)_live_/.test(env.STRIPE_SECRET_KEY ?? "");
}

/**
 * The Stripe Dashboard page of an object (customer, subscription, …), in the mode of our key:
 * test-mode objects live under /test/ in the Dashboard.
 */
export function stripeDashboardUrl(
  kind: "customers" | "subscriptions" | "invoices" | "payments" | "coupons",
  id: string,
): string {
  const mode = stripeLiveMode() ? "" : "/test";
  return `https://dashboard.stripe.com${mode}/${kind}/${encodeURIComponent(id)}`;
}
