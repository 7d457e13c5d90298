// `POST /v1/subscriptions/:id` (and the portal's buttons): plan and seat changes, scheduled
// cancellation, ending a trial early, metadata.
//
// Plan and quantity changes take effect at once. With the default proration_behavior
// (create_prorations) the proration lines wait for the next invoice, as in Stripe;
// `always_invoice` bills them now (billing_reason subscription_update); `none` skips them.
// Changing the billing interval (monthly → yearly) restarts the period now and bills the new
// period at once, with a credit for the unused old one. No prorations during a trial.
import { addIntervals } from "../clock";
import type { EmulatorContext } from "../context";
import { invalidRequest } from "../errors";
import { newId } from "../ids";
import {
  isParams,
  mergeMetadata,
  optionalArray,
  optionalBool,
  optionalInt,
  optionalString,
  type Params,
} from "../params";
import { presentSubscription } from "../present";
import type { InvoiceRecord, SubscriptionItemRecord, SubscriptionRecord } from "../types";
import { draftInvoice } from "./invoices";
import {
  chargeInvoice,
  emitSubscriptionUpdated,
  endTrial,
  sharedRecurring,
  usablePrice,
  warnTrialEnding,
} from "./lifecycle";
import { periodLines, prorationLines } from "./lines";

const PRORATION_BEHAVIORS = ["create_prorations", "none", "always_invoice"] as const;
type ProrationBehavior = (typeof PRORATION_BEHAVIORS)[number];

function readItemChanges(
  ctx: EmulatorContext,
  sub: SubscriptionRecord,
  params: Params,
  now: number,
): SubscriptionItemRecord[] | null {
  const changes = optionalArray(params, "items");
  const quantity = optionalInt(params, "quantity", { min: 0 });
  if (!changes && quantity === undefined) return null;
  const items = sub.items.map((item) => ({ ...item }));
  if (quantity !== undefined) {
    const only = items.length === 1 ? items[0] : undefined;
    if (!only)
      throw invalidRequest("Use items[][quantity] on a multi-item subscription.", "quantity");
    only.quantity = quantity;
  }
  (changes ?? []).forEach((change, i) => {
    const label = `items[${i}]`;
    if (!isParams(change)) throw invalidRequest(`Invalid object: ${label}`, label);
    const id = optionalString(change, "id", `${label}[id]`);
    const price = optionalString(change, "price", `${label}[price]`);
    const qty = optionalInt(change, "quantity", { min: 0, label: `${label}[quantity]` });
    if (price) usablePrice(ctx, price, `${label}[price]`);
    if (id) {
      const index = items.findIndex((item) => item.id === id);
      const item = items[index];
      if (!item) throw invalidRequest(`Invalid subscription_item id: ${id}`, `${label}[id]`);
      if (optionalBool(change, "deleted", `${label}[deleted]`)) {
        items.splice(index, 1);
        return;
      }
      if (price) item.price = price;
      if (qty !== undefined) item.quantity = qty;
      return;
    }
    if (!price) throw invalidRequest(`Missing required param: ${label}[price].`, `${label}[price]`);
    if (items.some((item) => item.price === price)) {
      throw invalidRequest(
        "Cannot add multiple subscription items with the same price.",
        `${label}[price]`,
      );
    }
    items.push({ id: newId("si"), created: now, price, quantity: qty ?? 1, metadata: {} });
  });
  if (items.length === 0) throw invalidRequest("A subscription needs at least one item.", "items");
  return items;
}

function readProrationBehavior(params: Params): ProrationBehavior {
  const value = optionalString(params, "proration_behavior") ?? "create_prorations";
  const known = PRORATION_BEHAVIORS.find((behavior) => behavior === value);
  if (!known) throw invalidRequest(`Invalid proration_behavior: ${value}`, "proration_behavior");
  return known;
}

/**
 * `discounts[0][coupon]=X` (or the older `coupon=X`) replaces the subscription's discounts with
 * that coupon; `discounts=""` removes them.
 */
function applyDiscountParams(
  ctx: EmulatorContext,
  sub: SubscriptionRecord,
  params: Params,
  now: number,
) {
  let couponId: string | null | undefined;
  if (params.discounts === "" || params.coupon === "") couponId = null;
  else if (params.coupon !== undefined) couponId = optionalString(params, "coupon");
  else if (params.discounts !== undefined) {
    const first = optionalArray(params, "discounts")?.[0];
    if (!isParams(first)) throw invalidRequest("Invalid array: discounts", "discounts");
    couponId = optionalString(first, "coupon", "discounts[0][coupon]");
    if (!couponId) {
      throw invalidRequest("Missing required param: discounts[0][coupon].", "discounts");
    }
  }
  if (couponId === undefined) return;
  if (couponId === null) {
    sub.discounts = [];
    return;
  }
  const coupon = ctx.state.coupons[couponId];
  if (!coupon || !coupon.valid) {
    throw invalidRequest(`No such coupon: '${couponId}'`, "coupon", "resource_missing");
  }
  coupon.times_redeemed += 1;
  const end =
    coupon.duration === "repeating" && coupon.duration_in_months
      ? addIntervals(now, { interval: "month", interval_count: 1 }, coupon.duration_in_months)
      : null;
  sub.discounts = [{ id: newId("di"), coupon: coupon.id, start: now, end }];
}

function applyCancellationParams(sub: SubscriptionRecord, params: Params, now: number) {
  const atPeriodEnd = optionalBool(params, "cancel_at_period_end");
  if (atPeriodEnd !== undefined) {
    sub.cancel_at_period_end = atPeriodEnd;
    sub.cancel_at = atPeriodEnd ? sub.current_period_end : null;
    sub.canceled_at = atPeriodEnd ? now : null;
    sub.cancellation_reason = atPeriodEnd ? "cancellation_requested" : null;
  }
  if (params.cancel_at === undefined) return;
  const cancelAt = optionalInt(params, "cancel_at", { min: now + 1 }) ?? null;
  sub.cancel_at = cancelAt;
  sub.cancel_at_period_end = cancelAt !== null && cancelAt === sub.current_period_end;
  sub.canceled_at = cancelAt === null ? null : now;
  sub.cancellation_reason = cancelAt === null ? null : "cancellation_requested";
}

/** Applies item changes; returns an invoice to bill now, if the change calls for one. */
function applyItemChanges(
  ctx: EmulatorContext,
  sub: SubscriptionRecord,
  items: SubscriptionItemRecord[],
  behavior: ProrationBehavior,
  now: number,
): InvoiceRecord | null {
  const before = sub.items;
  const old = sharedRecurring(ctx, before);
  const next = sharedRecurring(ctx, items, "items");
  if (next.currency !== old.currency) {
    throw invalidRequest("A subscription cannot change currency.", "items");
  }
  sub.items = items;
  if (sub.status === "trialing") return null;
  const period = { start: sub.current_period_start, end: sub.current_period_end };
  const intervalChanged =
    next.recurring.interval !== old.recurring.interval ||
    next.recurring.interval_count !== old.recurring.interval_count;
  if (intervalChanged) {
    const credit = behavior === "none" ? [] : prorationLines(ctx, before, [], period, now);
    sub.billing_cycle_anchor = now;
    sub.current_period_start = now;
    sub.current_period_end = addIntervals(now, next.recurring, 1);
    if (sub.cancel_at_period_end) sub.cancel_at = sub.current_period_end;
    const newPeriod = { start: now, end: sub.current_period_end };
    const pending = ctx.state.pendingLines[sub.id] ?? [];
    delete ctx.state.pendingLines[sub.id];
    const lines = [...pending, ...credit, ...periodLines(ctx, items, newPeriod)];
    return draftInvoice(ctx, sub, lines, "subscription_update", newPeriod, now);
  }
  if (behavior === "none") return null;
  const lines = prorationLines(ctx, before, items, period, now);
  if (lines.length === 0) return null;
  if (behavior === "create_prorations") {
    ctx.state.pendingLines[sub.id] = [...(ctx.state.pendingLines[sub.id] ?? []), ...lines];
    return null;
  }
  const pending = ctx.state.pendingLines[sub.id] ?? [];
  delete ctx.state.pendingLines[sub.id];
  return draftInvoice(ctx, sub, [...pending, ...lines], "subscription_update", period, now);
}

export function updateSubscription(
  ctx: EmulatorContext,
  sub: SubscriptionRecord,
  params: Params,
  now: number,
): void {
  const changesBilling = [
    "items",
    "quantity",
    "cancel_at_period_end",
    "cancel_at",
    "trial_end",
    "discounts",
    "coupon",
  ].some((name) => params[name] !== undefined);
  if (sub.status === "canceled" && changesBilling) {
    throw invalidRequest(
      "A canceled subscription can only update its cancellation_details and metadata.",
    );
  }
  const items = readItemChanges(ctx, sub, params, now);
  const behavior = readProrationBehavior(params);
  const trialEnd = optionalString(params, "trial_end");
  if (trialEnd !== undefined && sub.status !== "trialing") {
    throw invalidRequest("The emulator changes trial_end only while trialing.", "trial_end");
  }
  const endTrialNow = trialEnd === "now";
  const newTrialEnd = endTrialNow ? undefined : optionalInt(params, "trial_end", { min: now + 1 });

  const before = presentSubscription(ctx, sub);
  applyDiscountParams(ctx, sub, params, now);
  sub.metadata = mergeMetadata(sub.metadata, params);
  applyCancellationParams(sub, params, now);
  if (newTrialEnd !== undefined) {
    sub.trial_end = newTrialEnd;
    sub.current_period_end = newTrialEnd;
    sub.billing_cycle_anchor = newTrialEnd;
    if (sub.cancel_at_period_end) sub.cancel_at = newTrialEnd;
  }
  const invoice = items ? applyItemChanges(ctx, sub, items, behavior, now) : null;
  if (invoice) sub.latest_invoice = invoice.id;
  emitSubscriptionUpdated(ctx, before, sub, now);
  if (invoice) chargeInvoice(ctx, sub, invoice, now);
  if (endTrialNow && sub.status === "trialing") {
    if (ctx.state.trialWarnings[sub.id] !== sub.trial_end) warnTrialEnding(ctx, sub, now);
    endTrial(ctx, sub, now);
  }
}
