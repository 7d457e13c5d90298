// Invoices and payments: draft → open (finalized) → paid, or a failed attempt with the next retry
// scheduled. Retries follow a simplified Smart Retries schedule: 3, 5 and 7 days after the invoice
// was finalized; after the fourth failed attempt there is no next attempt and the subscription
// logic decides what happens (see lifecycle.ts).
import { DAY } from "../clock";
import type { EmulatorContext } from "../context";
import { newId } from "../ids";
import { presentCharge, presentInvoice } from "../present";
import type {
  BillingReason,
  ChargeRecord,
  InvoiceLineRecord,
  InvoiceRecord,
  SubscriptionRecord,
} from "../types";

export const RETRY_AFTER_DAYS = [3, 5, 7] as const;

export type PaymentOutcome = "paid" | "failed";

/** Stores a draft invoice for a subscription; `openInvoice` announces and finalizes it. */
/**
 * What the subscription's coupon takes off an invoice (never more than the invoice). A `once`
 * coupon is used up by the first invoice it discounts; a `repeating` one ends at its `end`.
 */
function discountOn(
  ctx: EmulatorContext,
  sub: SubscriptionRecord,
  subtotal: number,
  now: number,
): number {
  const discount = sub.discounts?.[0];
  if (!discount || subtotal <= 0) return 0;
  if (discount.end !== null && now >= discount.end) {
    sub.discounts = [];
    return 0;
  }
  const coupon = ctx.state.coupons[discount.coupon];
  if (!coupon) return 0;
  const off =
    coupon.percent_off !== null
      ? Math.round((subtotal * coupon.percent_off) / 100)
      : Math.min(subtotal, coupon.amount_off ?? 0);
  if (coupon.duration === "once") sub.discounts = [];
  return Math.min(subtotal, off);
}

export function draftInvoice(
  ctx: EmulatorContext,
  sub: SubscriptionRecord,
  lines: InvoiceLineRecord[],
  billingReason: BillingReason,
  period: { start: number; end: number },
  now: number,
): InvoiceRecord {
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const total = subtotal - discountOn(ctx, sub, subtotal, now);
  const customer = ctx.state.customers[sub.customer];
  const invoice: InvoiceRecord = {
    id: newId("in"),
    object: "invoice",
    created: now,
    livemode: false,
    customer: sub.customer,
    customer_email: customer?.email ?? null,
    subscription: sub.id,
    status: "draft",
    number: null,
    currency: sub.currency,
    subtotal,
    total,
    // A negative total (a downgrade invoiced at once) would become a customer credit balance in
    // Stripe; the emulator has no balances and simply bills nothing.
    amount_due: Math.max(0, total),
    amount_paid: 0,
    billing_reason: billingReason,
    period_start: period.start,
    period_end: period.end,
    lines,
    attempt_count: 0,
    attempted: false,
    next_payment_attempt: null,
    finalized_at: null,
    paid_at: null,
    charge: null,
    test_clock: sub.test_clock,
    metadata: {},
  };
  ctx.state.invoices[invoice.id] = invoice;
  return invoice;
}

export function openInvoice(ctx: EmulatorContext, invoice: InvoiceRecord, now: number): void {
  ctx.events.emit("invoice.created", presentInvoice(ctx, invoice), now);
  ctx.state.invoiceSequence += 1;
  invoice.status = "open";
  invoice.number = `EMU-${String(ctx.state.invoiceSequence).padStart(4, "0")}`;
  invoice.finalized_at = now;
  ctx.events.emit("invoice.finalized", presentInvoice(ctx, invoice), now);
}

function createCharge(ctx: EmulatorContext, invoice: InvoiceRecord, now: number): ChargeRecord {
  const charge: ChargeRecord = {
    id: newId("ch"),
    object: "charge",
    created: now,
    livemode: false,
    customer: invoice.customer,
    invoice: invoice.id,
    amount: invoice.amount_due,
    amount_refunded: 0,
    currency: invoice.currency,
    refunded: false,
    disputed: false,
    status: "succeeded",
    description: invoice.billing_reason.replace("_", " "),
    metadata: {},
  };
  ctx.state.charges[charge.id] = charge;
  ctx.events.emit("charge.succeeded", presentCharge(ctx, charge), now);
  return charge;
}

/** One payment attempt with the customer's card (a zero amount needs no card and always works). */
export function attemptPayment(
  ctx: EmulatorContext,
  invoice: InvoiceRecord,
  now: number,
): PaymentOutcome {
  invoice.attempt_count += 1;
  invoice.attempted = true;
  const card =
    invoice.amount_due === 0 ? "succeed" : (ctx.state.cardBehavior[invoice.customer] ?? "succeed");
  if (card === "succeed") {
    if (invoice.amount_due > 0) invoice.charge = createCharge(ctx, invoice, now).id;
    invoice.status = "paid";
    invoice.amount_paid = invoice.amount_due;
    invoice.paid_at = now;
    invoice.next_payment_attempt = null;
    ctx.events.emit("invoice.paid", presentInvoice(ctx, invoice), now);
    ctx.events.emit("invoice.payment_succeeded", presentInvoice(ctx, invoice), now);
    return "paid";
  }
  const retryAfter = RETRY_AFTER_DAYS[invoice.attempt_count - 1];
  invoice.next_payment_attempt =
    retryAfter === undefined ? null : (invoice.finalized_at ?? now) + retryAfter * DAY;
  ctx.events.emit("invoice.payment_failed", presentInvoice(ctx, invoice), now);
  if (card === "requires_action") {
    ctx.events.emit("invoice.payment_action_required", presentInvoice(ctx, invoice), now);
  }
  return "failed";
}

/** Stops automatic retries of a subscription's open invoices (it was canceled). */
export function stopRetries(ctx: EmulatorContext, subscriptionId: string): void {
  for (const invoice of Object.values(ctx.state.invoices)) {
    if (invoice.subscription === subscriptionId && invoice.status === "open") {
      invoice.next_payment_attempt = null;
    }
  }
}
