// The /v1 API: authentication, parameters, Idempotency-Key replay, routing, expand.
import type { EmulatorContext } from "../context";
import { StripeApiError, invalidRequest } from "../errors";
import { expand } from "../expand";
import { parseForm } from "../form";
import { newId } from "../ids";
import { readExpand } from "../params";
import type { JsonObject } from "../types";
import { billingPortalRoutes } from "./billing-portal";
import { chargeRoutes } from "./charges";
import { checkoutSessionRoutes } from "./checkout-sessions";
import { couponRoutes } from "./coupons";
import { customerRoutes } from "./customers";
import { eventRoutes } from "./events";
import { invoiceRoutes } from "./invoices";
import { priceRoutes } from "./prices";
import { productRoutes } from "./products";
import { matchRoute } from "./router";
import { subscriptionRoutes } from "./subscriptions";
import { subscriptionItemRoutes } from "./subscription-items";
import { testClockRoutes } from "./test-clocks";

const ROUTES = [
  ...customerRoutes,
  ...productRoutes,
  ...priceRoutes,
  ...checkoutSessionRoutes,
  ...subscriptionRoutes,
  ...subscriptionItemRoutes,
  ...invoiceRoutes,
  ...chargeRoutes,
  ...couponRoutes,
  ...eventRoutes,
  ...testClockRoutes,
  ...billingPortalRoutes,
];

export type ApiResponse = { status: number; body: JsonObject; headers: Record<string, string> };

type StoredResponse = { fingerprint: string; status: number; body: JsonObject };

// Remembered POST responses by Idempotency-Key. The SDK sends a fresh key with every POST, so
// the oldest keys are forgotten past this many (Stripe keeps keys for 24 hours).
const IDEMPOTENCY_CAPACITY = 10_000;

function apiKeyFrom(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme, credentials = ""] = authorization.split(" ");
  if (scheme?.toLowerCase() === "bearer") return credentials.trim();
  if (scheme?.toLowerCase() === "basic") {
    return Buffer.from(credentials, "base64").toString("utf8").split(":")[0] ?? null;
  }
  return null;
}

function authenticate(authorization: string | undefined): void {
  const key = apiKeyFrom(authorization);
  if (!key) {
    throw new StripeApiError(
      401,
      "invalid_request_error",
      "You did not provide an API key. Send it as `Authorization: Bearer sk_test_…`.",
    );
  }
  if (!/^(sk|rk)_test_/.test(key)) {
    throw new StripeApiError(
      401,
      "invalid_request_error",
      `Invalid API Key provided: ${key.slice(0, 8)}… (the Stripe emulator accepts test keys, sk_test_…)`,
    );
  }
}

export class ApiHandler {
  private readonly remembered = new Map<string, StoredResponse>();

  constructor(private readonly ctx: EmulatorContext) {}

  forgetIdempotencyKeys(): void {
    this.remembered.clear();
  }

  handle(
    method: string,
    url: URL,
    headers: { authorization?: string; idempotencyKey?: string },
    body: string,
  ): ApiResponse {
    const requestId = newId("req");
    const base = { "Request-Id": requestId };
    try {
      authenticate(headers.authorization);
      const key = method === "POST" ? (headers.idempotencyKey ?? null) : null;
      const fingerprint = `${method} ${url.pathname} ${body}`;
      const stored = key ? this.remembered.get(key) : undefined;
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          throw new StripeApiError(
            400,
            "idempotency_error",
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          );
        }
        return {
          status: stored.status,
          body: stored.body,
          headers: { ...base, "Idempotent-Replayed": "true", "Idempotency-Key": key ?? "" },
        };
      }
      const response = this.run(method, url, body, { id: requestId, idempotency_key: key });
      if (key) this.remember(key, { fingerprint, status: 200, body: response });
      return { status: 200, body: response, headers: base };
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      return { status: error.status, body: error.toBody(), headers: base };
    }
  }

  private run(
    method: string,
    url: URL,
    body: string,
    request: { id: string; idempotency_key: string | null },
  ): JsonObject {
    const params = { ...parseForm(url.search.slice(1)), ...parseForm(body) };
    const match = matchRoute(ROUTES, method, url.pathname);
    if (!match) {
      throw invalidRequest(
        `Unrecognized request URL (${method}: ${url.pathname}). The Stripe emulator implements only the part of the API Problemboard uses; see docs/runbooks/stripe-emulator.md.`,
      );
    }
    const ctx = this.ctx;
    return ctx.events.withRequest(request, () => {
      const expandPaths = readExpand(params);
      const result = match.route.handler(ctx, { params, path: match.path, expand: expandPaths });
      return expand(ctx, result, expandPaths);
    });
  }

  private remember(key: string, response: StoredResponse) {
    this.remembered.set(key, response);
    if (this.remembered.size > IDEMPOTENCY_CAPACITY) {
      const oldest = this.remembered.keys().next().value;
      if (oldest !== undefined) this.remembered.delete(oldest);
    }
  }
}
