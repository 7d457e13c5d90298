// Stored records → the JSON Stripe's API returns: constant fields filled in, ids that Stripe shows
// as whole objects expanded (a subscription item's price), and newer-API fields written both ways
// where the installed SDK's API version moved them (current_period_* on the items and on the
// subscription; an invoice's subscription under parent.subscription_details and at the top).
import type { EmulatorContext } from "./context";
import { newestFirst } from "./state";
import type {
  ChargeRecord,
  CheckoutSessionRecord,
  CustomerRecord,
  DiscountRecord,
  DisputeRecord,
  InvoiceLineRecord,
  InvoiceRecord,
  JsonObject,
  PriceRecord,
  ProductRecord,
  SubscriptionRecord,
} from "./types";

const list = (data: JsonObject[], url: string): JsonObject => ({
  object: "list",
  data,
  has_more: false,
  total_count: data.length,
  url,
});

export function presentCustomer(
  ctx: EmulatorContext,
  c: CustomerRecord,
  stubIfDeleted = true,
): JsonObject {
  if (c.deleted && stubIfDeleted) return { id: c.id, object: "customer", deleted: true };
  const { deleted: _deleted, ...fields } = c;
  const delinquent = Object.values(ctx.state.invoices).some(
    (inv) => inv.customer === c.id && inv.status === "open" && inv.attempt_count > 0,
  );
  return {
    ...fields,
    address: null,
    balance: 0,
    currency: null,
    default_source: null,
    delinquent,
    discount: null,
    invoice_prefix: c.id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null },
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
  };
}

export function presentProduct(p: ProductRecord): JsonObject {
  return {
    ...p,
    default_price: null,
    images: [],
    marketing_features: [],
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    type: "service",
    unit_label: null,
    url: null,
  };
}

export function presentPrice(p: PriceRecord): JsonObject {
  return {
    ...p,
    billing_scheme: "per_unit",
    custom_unit_amount: null,
    recurring: p.recurring
      ? { ...p.recurring, meter: null, trial_period_days: null, usage_type: "licensed" }
      : null,
    tiers_mode: null,
    transform_quantity: null,
    type: p.recurring ? "recurring" : "one_time",
    unit_amount_decimal: String(p.unit_amount),
  };
}

/** The legacy `plan` object Stripe still puts on subscription items. */
function presentPlan(p: PriceRecord): JsonObject {
  return {
    id: p.id,
    object: "plan",
    active: p.active,
    amount: p.unit_amount,
    amount_decimal: String(p.unit_amount),
    billing_scheme: "per_unit",
    created: p.created,
    currency: p.currency,
    interval: p.recurring?.interval ?? null,
    interval_count: p.recurring?.interval_count ?? null,
    livemode: false,
    metadata: p.metadata,
    nickname: p.nickname,
    product: p.product,
    usage_type: "licensed",
  };
}

function priceOf(ctx: EmulatorContext, id: string): PriceRecord {
  const price = ctx.state.prices[id];
  if (!price) throw new Error(`Emulator state refers to a missing price ${id}`);
  return price;
}

function presentDiscount(
  ctx: EmulatorContext,
  d: DiscountRecord,
  s: SubscriptionRecord,
): JsonObject {
  const stored = ctx.state.coupons[d.coupon];
  const coupon = stored ? { ...stored, max_redemptions: null, redeem_by: null } : { id: d.coupon };
  return {
    id: d.id,
    object: "discount",
    // Newer API versions moved the coupon under `source`; older ones read `coupon`.
    source: { type: "coupon", coupon },
    coupon,
    customer: s.customer,
    start: d.start,
    end: d.end,
    subscription: s.id,
    invoice: null,
    invoice_item: null,
    promotion_code: null,
    checkout_session: null,
  };
}

export function presentSubscription(ctx: EmulatorContext, s: SubscriptionRecord): JsonObject {
  const items = s.items.map((item) => {
    const price = priceOf(ctx, item.price);
    return {
      id: item.id,
      object: "subscription_item",
      created: item.created,
      current_period_start: s.current_period_start,
      current_period_end: s.current_period_end,
      discounts: [],
      metadata: item.metadata,
      plan: presentPlan(price),
      price: presentPrice(price),
      quantity: item.quantity,
      subscription: s.id,
      tax_rates: [],
    };
  });
  const { items: _items, cancellation_reason, discounts: applied = [], ...fields } = s;
  const discounts = applied.map((d) => presentDiscount(ctx, d, s));
  return {
    ...fields,
    automatic_tax: { enabled: false, disabled_reason: null, liability: null },
    cancellation_details: { comment: null, feedback: null, reason: cancellation_reason },
    collection_method: "charge_automatically",
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    description: null,
    discount: discounts[0] ?? null,
    discounts,
    items: list(items, `/v1/subscription_items?subscription=${s.id}`),
    pause_collection: null,
    pending_update: null,
    schedule: null,
    trial_settings: { end_behavior: { missing_payment_method: "create_invoice" } },
  };
}

function presentInvoiceLine(ctx: EmulatorContext, inv: InvoiceRecord, line: InvoiceLineRecord) {
  const price = priceOf(ctx, line.price);
  return {
    id: line.id,
    object: "line_item",
    amount: line.amount,
    currency: inv.currency,
    description: line.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: inv.id,
    livemode: false,
    metadata: {},
    parent: {
      type: "subscription_item_details",
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: line.proration,
        proration_details: { credited_items: null },
        subscription: inv.subscription,
        subscription_item: line.subscription_item,
      },
    },
    period: line.period,
    pretax_credit_amounts: [],
    price: presentPrice(price),
    pricing: {
      type: "price_details",
      price_details: { price: price.id, product: price.product },
      unit_amount_decimal: String(price.unit_amount),
    },
    quantity: line.quantity,
    subscription: inv.subscription,
    subtotal: line.amount,
    taxes: [],
  };
}

export function presentInvoice(ctx: EmulatorContext, inv: InvoiceRecord): JsonObject {
  const base = ctx.publicUrl();
  const sub = inv.subscription ? ctx.state.subscriptions[inv.subscription] : undefined;
  const customer = ctx.state.customers[inv.customer];
  const { lines, finalized_at, paid_at, ...fields } = inv;
  const final = inv.status !== "draft";
  return {
    ...fields,
    account_country: "US",
    account_name: "Stripe emulator",
    amount_overpaid: 0,
    amount_remaining: inv.status === "paid" ? 0 : inv.amount_due - inv.amount_paid,
    amount_shipping: 0,
    auto_advance: inv.status === "draft" || inv.status === "open",
    automatic_tax: { enabled: false, disabled_reason: null, liability: null, status: null },
    collection_method: "charge_automatically",
    customer_name: customer?.name ?? null,
    default_payment_method: null,
    description: null,
    discounts: [],
    due_date: null,
    effective_at: finalized_at,
    hosted_invoice_url: final ? `${base}/invoices/${inv.id}` : null,
    invoice_pdf: final ? `${base}/invoices/${inv.id}/pdf` : null,
    lines: list(
      lines.map((line) => presentInvoiceLine(ctx, inv, line)),
      `/v1/invoices/${inv.id}/lines`,
    ),
    parent: inv.subscription
      ? {
          type: "subscription_details",
          quote_details: null,
          subscription_details: { metadata: sub?.metadata ?? {}, subscription: inv.subscription },
        }
      : null,
    starting_balance: 0,
    ending_balance: final ? 0 : null,
    status_transitions: {
      finalized_at,
      marked_uncollectible_at: null,
      paid_at,
      voided_at: null,
    },
    subtotal_excluding_tax: inv.subtotal,
    total_discount_amounts: [],
    total_excluding_tax: inv.total,
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}

export function checkoutLineItems(ctx: EmulatorContext, s: CheckoutSessionRecord): JsonObject[] {
  return s.line_items.map((item, index) => {
    const price = priceOf(ctx, item.price);
    const amount = price.unit_amount * item.quantity;
    return {
      id: `li_${s.id.slice(3, 23)}${index}`,
      object: "item",
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: price.currency,
      description: ctx.state.products[price.product]?.name ?? null,
      price: presentPrice(price),
      quantity: item.quantity,
    };
  });
}

export function presentLineItems(ctx: EmulatorContext, s: CheckoutSessionRecord): JsonObject {
  return list(checkoutLineItems(ctx, s), `/v1/checkout/sessions/${s.id}/line_items`);
}

export function presentCheckoutSession(ctx: EmulatorContext, s: CheckoutSessionRecord): JsonObject {
  const customer = s.customer ? ctx.state.customers[s.customer] : undefined;
  const {
    line_items: _lineItems,
    trial_period_days: _trial,
    subscription_metadata: _subscriptionMetadata,
    automatic_tax_enabled,
    tax_id_collection_enabled,
    ...fields
  } = s;
  return {
    ...fields,
    url: s.status === "open" ? s.url : null,
    automatic_tax: { enabled: automatic_tax_enabled, liability: null, status: null },
    client_secret: null,
    customer_creation: s.customer ? null : "always",
    customer_details:
      s.status === "complete"
        ? {
            email: customer?.email ?? s.customer_email,
            name: customer?.name ?? null,
            address: null,
            phone: null,
            tax_exempt: "none",
            tax_ids: [],
          }
        : null,
    locale: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "always",
    payment_method_types: ["card"],
    setup_intent: null,
    submit_type: null,
    tax_id_collection: { enabled: tax_id_collection_enabled, required: "never" },
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
  };
}

export function presentCharge(ctx: EmulatorContext, c: ChargeRecord): JsonObject {
  const refunds = newestFirst(ctx.state.refunds).filter((r) => r.charge === c.id);
  return {
    ...c,
    amount_captured: c.amount,
    balance_transaction: null,
    billing_details: { address: null, email: null, name: null, phone: null },
    captured: true,
    failure_code: null,
    failure_message: null,
    outcome: {
      network_status: "approved_by_network",
      risk_level: "normal",
      seller_message: "Payment complete.",
      type: "authorized",
    },
    paid: true,
    payment_intent: null,
    payment_method: null,
    receipt_url: null,
    refunds: list(refunds, `/v1/charges/${c.id}/refunds`),
  };
}

export function presentDispute(d: DisputeRecord): JsonObject {
  return {
    ...d,
    balance_transactions: [],
    evidence_details: {
      due_by: d.created + 7 * 86_400,
      has_evidence: false,
      past_due: false,
      submission_count: 0,
    },
    is_charge_refundable: false,
    payment_intent: null,
  };
}
