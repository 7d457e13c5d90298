// A subscription's life: start (from checkout), trial warning and trial end, renewal at period end,
// payment outcomes moving the status (active ⇄ past_due), retries running out, cancellation.
// Every step takes `at`, the emulated time it happens at, so the scheduler can replay the steps
// between two times in order and each event carries the time Stripe would have stamped on it.
import { addIntervals, DAY, periodEndAfter } from "../clock";
import type { EmulatorContext } from "../context";
import { invalidRequest } from "../errors";
import { newId } from "../ids";
import { presentSubscription } from "../present";
import type {
  InvoiceLineRecord,
  InvoiceRecord,
  LineItemInput,
  Metadata,
  PriceRecord,
  Recurring,
  SubscriptionItemRecord,
  SubscriptionRecord,
} from "../types";
import {
  attemptPayment,
  draftInvoice,
  openInvoice,
  stopRetries,
  type PaymentOutcome,
} from "./invoices";
import { periodLines, priceRecord } from "./lines";

export const TRIAL_WARNING_SECONDS = 3 * DAY;

/** A price a subscription can use: it exists, is active and recurring. */
export function usablePrice(ctx: EmulatorContext, id: string, param: string): PriceRecord {
  const price = ctx.state.prices[id];
  if (!price) throw invalidRequest(`No such price: '${id}'`, param, "resource_missing");
  if (!price.active) throw invalidRequest(`The price specified is inactive: '${id}'`, param);
  if (!price.recurring) {
    throw invalidRequest(`The price specified is not recurring: '${id}'`, param);
  }
  return price;
}

/** The items' shared billing interval; Stripe refuses to mix intervals or currencies. */
export function sharedRecurring(
  ctx: EmulatorContext,
  items: Array<{ price: string }>,
  param = "items",
): { recurring: Recurring; currency: string } {
  const prices = items.map((item) => priceRecord(ctx, item.price));
  const first = prices[0];
  if (!first?.recurring) throw invalidRequest("A subscription needs at least one price.", param);
  for (const price of prices) {
    if (
      price.recurring?.interval !== first.recurring.interval ||
      price.recurring.interval_count !== first.recurring.interval_count
    ) {
      throw invalidRequest("All prices on a subscription must have the same interval.", param);
    }
    if (price.currency !== first.currency) {
      throw invalidRequest("All prices on a subscription must have the same currency.", param);
    }
  }
  return { recurring: first.recurring, currency: first.currency };
}

function takePendingLines(ctx: EmulatorContext, sub: SubscriptionRecord): InvoiceLineRecord[] {
  const lines = ctx.state.pendingLines[sub.id] ?? [];
  delete ctx.state.pendingLines[sub.id];
  return lines;
}

export function startSubscription(
  ctx: EmulatorContext,
  input: { customer: string; items: LineItemInput[]; trialDays: number | null; metadata: Metadata },
  at: number,
): { subscription: SubscriptionRecord; invoice: InvoiceRecord } {
  const { recurring, currency } = sharedRecurring(ctx, input.items);
  const trialEnd = input.trialDays ? at + input.trialDays * DAY : null;
  const customer = ctx.state.customers[input.customer];
  const items: SubscriptionItemRecord[] = input.items.map((item) => ({
    id: newId("si"),
    created: at,
    price: item.price,
    quantity: item.quantity,
    metadata: {},
  }));
  const sub: SubscriptionRecord = {
    id: newId("sub"),
    object: "subscription",
    created: at,
    start_date: at,
    livemode: false,
    customer: input.customer,
    status: trialEnd ? "trialing" : "active",
    items,
    currency,
    current_period_start: at,
    current_period_end: trialEnd ?? addIntervals(at, recurring, 1),
    billing_cycle_anchor: trialEnd ?? at,
    trial_start: trialEnd ? at : null,
    trial_end: trialEnd,
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    ended_at: null,
    cancellation_reason: null,
    latest_invoice: null,
    metadata: input.metadata,
    test_clock: customer?.test_clock ?? null,
  };
  ctx.state.subscriptions[sub.id] = sub;
  const period = { start: at, end: sub.current_period_end };
  const lines = periodLines(ctx, items, period, { trial: trialEnd !== null });
  const invoice = draftInvoice(ctx, sub, lines, "subscription_create", period, at);
  sub.latest_invoice = invoice.id;
  ctx.events.emit("customer.subscription.created", presentSubscription(ctx, sub), at);
  const outcome = chargeInvoice(ctx, sub, invoice, at);
  if (outcome === "failed") {
    const before = presentSubscription(ctx, sub);
    sub.status = "incomplete";
    emitSubscriptionUpdated(ctx, before, sub, at);
  }
  return { subscription: sub, invoice };
}

export function emitSubscriptionUpdated(
  ctx: EmulatorContext,
  before: ReturnType<typeof presentSubscription>,
  sub: SubscriptionRecord,
  at: number,
): void {
  ctx.events.emitUpdated(
    "customer.subscription.updated",
    before,
    presentSubscription(ctx, sub),
    at,
  );
}

/** Finalizes and pays (or fails to pay) an invoice, then moves the subscription's status. */
export function chargeInvoice(
  ctx: EmulatorContext,
  sub: SubscriptionRecord,
  invoice: InvoiceRecord,
  at: number,
): PaymentOutcome {
  openInvoice(ctx, invoice, at);
  const outcome = attemptPayment(ctx, invoice, at);
  applyPaymentOutcome(ctx, sub, invoice, outcome, at);
  return outcome;
}

function applyPaymentOutcome(
  ctx: EmulatorContext,
  sub: SubscriptionRecord,
  invoice: InvoiceRecord,
  outcome: PaymentOutcome,
  at: number,
): void {
  // Only the latest invoice decides the status; an old one paid late changes nothing.
  if (sub.latest_invoice !== invoice.id || sub.status === "canceled") return;
  const before = presentSubscription(ctx, sub);
  if (outcome === "paid" && ["past_due", "unpaid", "incomplete"].includes(sub.status)) {
    sub.status = "active";
  } else if (outcome === "failed" && (sub.status === "active" || sub.status === "trialing")) {
    sub.status = "past_due";
  }
  emitSubscriptionUpdated(ctx, before, sub, at);
}

export function warnTrialEnding(ctx: EmulatorContext, sub: SubscriptionRecord, at: number): void {
  if (sub.trial_end === null) return;
  ctx.state.trialWarnings[sub.id] = sub.trial_end;
  ctx.events.emit("customer.subscription.trial_will_end", presentSubscription(ctx, sub), at);
}

/** The trial is over (at its end, or early with trial_end=now): bill the first paid period. */
export function endTrial(ctx: EmulatorContext, sub: SubscriptionRecord, at: number): void {
  const { recurring } = sharedRecurring(ctx, sub.items);
  const before = presentSubscription(ctx, sub);
  sub.status = "active";
  sub.trial_end = at;
  sub.billing_cycle_anchor = at;
  sub.current_period_start = at;
  sub.current_period_end = addIntervals(at, recurring, 1);
  if (sub.cancel_at_period_end) sub.cancel_at = sub.current_period_end;
  const period = { start: at, end: sub.current_period_end };
  const lines = [...takePendingLines(ctx, sub), ...periodLines(ctx, sub.items, period)];
  const invoice = draftInvoice(ctx, sub, lines, "subscription_cycle", period, at);
  sub.latest_invoice = invoice.id;
  emitSubscriptionUpdated(ctx, before, sub, at);
  chargeInvoice(ctx, sub, invoice, at);
}

/** Period end without cancellation: start the next period and bill it. */
export function renewSubscription(ctx: EmulatorContext, sub: SubscriptionRecord, at: number) {
  const { recurring } = sharedRecurring(ctx, sub.items);
  const before = presentSubscription(ctx, sub);
  const start = sub.current_period_end;
  sub.current_period_start = start;
  sub.current_period_end = periodEndAfter(sub.billing_cycle_anchor, start, recurring);
  const period = { start, end: sub.current_period_end };
  const lines = [...takePendingLines(ctx, sub), ...periodLines(ctx, sub.items, period)];
  const invoice = draftInvoice(ctx, sub, lines, "subscription_cycle", period, at);
  sub.latest_invoice = invoice.id;
  emitSubscriptionUpdated(ctx, before, sub, at);
  chargeInvoice(ctx, sub, invoice, at);
}

/** A payment attempt outside the retry schedule (the API's invoices.pay, a card update). */
export function payInvoiceNow(
  ctx: EmulatorContext,
  invoice: InvoiceRecord,
  at: number,
): PaymentOutcome {
  const scheduledRetry = invoice.next_payment_attempt;
  const outcome = attemptPayment(ctx, invoice, at);
  // A manual attempt leaves the automatic schedule where it was.
  if (outcome === "failed") invoice.next_payment_attempt = scheduledRetry;
  const sub = invoice.subscription ? ctx.state.subscriptions[invoice.subscription] : undefined;
  if (sub) applyPaymentOutcome(ctx, sub, invoice, outcome, at);
  return outcome;
}

/** An automatic retry of an open invoice; the last failed one ends the subscription's grace. */
export function retryInvoice(ctx: EmulatorContext, invoice: InvoiceRecord, at: number): void {
  const sub = invoice.subscription ? ctx.state.subscriptions[invoice.subscription] : undefined;
  const outcome = attemptPayment(ctx, invoice, at);
  if (!sub) return;
  if (outcome === "paid") return applyPaymentOutcome(ctx, sub, invoice, outcome, at);
  if (invoice.next_payment_attempt !== null || sub.status !== "past_due") return;
  if (ctx.afterFailedRetries === "canceled") return cancelNow(ctx, sub, at, "payment_failed");
  const before = presentSubscription(ctx, sub);
  sub.status = "unpaid";
  emitSubscriptionUpdated(ctx, before, sub, at);
}

export function cancelNow(
  ctx: EmulatorContext,
  sub: SubscriptionRecord,
  at: number,
  reason: "cancellation_requested" | "payment_failed",
): void {
  if (sub.status === "canceled") return;
  sub.status = "canceled";
  sub.canceled_at ??= at;
  sub.ended_at = at;
  sub.cancellation_reason = reason;
  delete ctx.state.pendingLines[sub.id];
  stopRetries(ctx, sub.id);
  ctx.events.emit("customer.subscription.deleted", presentSubscription(ctx, sub), at);
}
