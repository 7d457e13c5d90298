// Checkout Sessions (mode=subscription): create, retrieve, list, list line items, expire.
// The session's `url` is the emulator's hosted page (pages/checkout-page.ts), which completes it.
import { sharedRecurring, usablePrice } from "../billing/lifecycle";
import type { EmulatorContext } from "../context";
import { invalidRequest, resourceMissing } from "../errors";
import { newId } from "../ids";
import { paginate } from "../list";
import {
  isParams,
  mergeMetadata,
  optionalArray,
  optionalBool,
  optionalInt,
  optionalObject,
  optionalString,
  requiredString,
  type Params,
} from "../params";
import { checkoutLineItems, presentCheckoutSession, presentLineItems } from "../present";
import { newestFirst } from "../state";
import type { CheckoutSessionRecord, LineItemInput } from "../types";
import { findOr404, pathId, route, type ApiRequest } from "./router";

const SESSION_LIFETIME_SECONDS = 24 * 3600;

function readLineItems(ctx: EmulatorContext, params: Params): LineItemInput[] {
  const items = optionalArray(params, "line_items");
  if (!items?.length) throw invalidRequest("Missing required param: line_items.", "line_items");
  const lineItems = items.map((item, i) => {
    const label = `line_items[${i}]`;
    if (!isParams(item)) throw invalidRequest(`Invalid object: ${label}`, label);
    const price = requiredString(item, "price", `${label}[price]`);
    usablePrice(ctx, price, `${label}[price]`);
    const quantity = optionalInt(item, "quantity", { min: 1, label: `${label}[quantity]` }) ?? 1;
    return { price, quantity };
  });
  sharedRecurring(ctx, lineItems, "line_items");
  return lineItems;
}

function readCustomer(ctx: EmulatorContext, params: Params) {
  const customer = optionalString(params, "customer") || null;
  const email = optionalString(params, "customer_email") || null;
  if (customer && email) {
    throw invalidRequest("You may only specify one of these parameters: customer, customer_email.");
  }
  if (customer && (!ctx.state.customers[customer] || ctx.state.customers[customer].deleted)) {
    throw resourceMissing("customer", customer, "customer");
  }
  return { customer, email };
}

function createSession(ctx: EmulatorContext, params: Params): CheckoutSessionRecord {
  const mode = requiredString(params, "mode");
  if (mode !== "subscription") {
    throw invalidRequest("The Stripe emulator supports only mode=subscription.", "mode");
  }
  const lineItems = readLineItems(ctx, params);
  const { customer, email } = readCustomer(ctx, params);
  const subscriptionData = optionalObject(params, "subscription_data") ?? {};
  const trialDays = optionalInt(subscriptionData, "trial_period_days", {
    min: 1,
    label: "subscription_data[trial_period_days]",
  });
  const prices = lineItems.map((item) => ctx.state.prices[item.price]!);
  const subtotal = lineItems.reduce(
    (sum, item, i) => sum + (prices[i]?.unit_amount ?? 0) * item.quantity,
    0,
  );
  const now = ctx.clock.nowFor(customer);
  const id = newId("cs_test");
  const session: CheckoutSessionRecord = {
    id,
    object: "checkout.session",
    created: now,
    expires_at: now + SESSION_LIFETIME_SECONDS,
    livemode: false,
    mode: "subscription",
    status: "open",
    payment_status: "unpaid",
    url: `${ctx.publicUrl()}/checkout/${id}`,
    customer,
    customer_email: email,
    client_reference_id: optionalString(params, "client_reference_id") || null,
    line_items: lineItems,
    trial_period_days: trialDays ?? null,
    subscription_metadata: mergeMetadata({}, subscriptionData),
    metadata: mergeMetadata({}, params),
    success_url: requiredString(params, "success_url"),
    cancel_url: optionalString(params, "cancel_url") || null,
    allow_promotion_codes: optionalBool(params, "allow_promotion_codes") ?? null,
    automatic_tax_enabled:
      optionalBool(optionalObject(params, "automatic_tax") ?? {}, "enabled") ?? false,
    billing_address_collection: optionalString(params, "billing_address_collection") || null,
    tax_id_collection_enabled:
      optionalBool(optionalObject(params, "tax_id_collection") ?? {}, "enabled") ?? false,
    currency: prices[0]!.currency,
    amount_subtotal: subtotal,
    amount_total: trialDays ? 0 : subtotal,
    subscription: null,
    invoice: null,
  };
  ctx.state.checkoutSessions[id] = session;
  return session;
}

function present(ctx: EmulatorContext, session: CheckoutSessionRecord, request: ApiRequest) {
  const json = presentCheckoutSession(ctx, session);
  // line_items is not an id, so expand() cannot resolve it; Stripe includes it only on request.
  return request.expand.includes("line_items")
    ? { ...json, line_items: presentLineItems(ctx, session) }
    : json;
}

export const checkoutSessionRoutes = [
  route("POST", "/v1/checkout/sessions", (ctx, request) =>
    present(ctx, createSession(ctx, request.params), request),
  ),
  route("GET", "/v1/checkout/sessions/:id", (ctx, request) =>
    present(
      ctx,
      findOr404(ctx.state.checkoutSessions, pathId(request), "checkout.session"),
      request,
    ),
  ),
  route("GET", "/v1/checkout/sessions/:id/line_items", (ctx, request) => {
    const session = findOr404(ctx.state.checkoutSessions, pathId(request), "checkout.session");
    return paginate(
      checkoutLineItems(ctx, session),
      request.params,
      `/v1/checkout/sessions/${session.id}/line_items`,
    );
  }),
  route("POST", "/v1/checkout/sessions/:id/expire", (ctx, request) => {
    const session = findOr404(ctx.state.checkoutSessions, pathId(request), "checkout.session");
    if (session.status !== "open") {
      throw invalidRequest("Only open Checkout Sessions can be expired.");
    }
    session.status = "expired";
    const json = presentCheckoutSession(ctx, session);
    ctx.events.emit("checkout.session.expired", json, ctx.clock.nowFor(session.customer));
    return json;
  }),
  route("GET", "/v1/checkout/sessions", (ctx, request) => {
    const { params } = request;
    const customer = optionalString(params, "customer");
    const subscription = optionalString(params, "subscription");
    const status = optionalString(params, "status");
    const sessions = newestFirst(ctx.state.checkoutSessions).filter(
      (s) =>
        (customer === undefined || s.customer === customer) &&
        (subscription === undefined || s.subscription === subscription) &&
        (status === undefined || s.status === status),
    );
    return paginate(
      sessions.map((s) => presentCheckoutSession(ctx, s)),
      params,
      "/v1/checkout/sessions",
    );
  }),
];
