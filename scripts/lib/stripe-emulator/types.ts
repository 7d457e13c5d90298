// The emulator's stored records. They mirror Stripe's API objects closely enough that the JSON dump
// (GET /_emulator/state) reads like Stripe; presenters (present.ts) add the constant fields and
// expand stored ids (a subscription item keeps a price id, the API shows the whole price).

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Metadata = Record<string, string>;

/** How the customer's card answers the next payment attempts (control endpoint, portal). */
export type CardBehavior = "succeed" | "fail" | "requires_action";
export const CARD_BEHAVIORS: readonly CardBehavior[] = ["succeed", "fail", "requires_action"];

export type CustomerRecord = {
  id: string;
  object: "customer";
  created: number;
  livemode: false;
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Metadata;
  test_clock: string | null;
  deleted: boolean;
};

export type ProductRecord = {
  id: string;
  object: "product";
  created: number;
  updated: number;
  livemode: false;
  active: boolean;
  name: string;
  description: string | null;
  metadata: Metadata;
};

export type Interval = "day" | "week" | "month" | "year";
export type Recurring = { interval: Interval; interval_count: number };

export type PriceRecord = {
  id: string;
  object: "price";
  created: number;
  livemode: false;
  active: boolean;
  product: string;
  currency: string;
  unit_amount: number;
  recurring: Recurring | null;
  lookup_key: string | null;
  nickname: string | null;
  tax_behavior: string;
  metadata: Metadata;
};

export type LineItemInput = { price: string; quantity: number };

export type CheckoutSessionRecord = {
  id: string;
  object: "checkout.session";
  created: number;
  expires_at: number;
  livemode: false;
  mode: "subscription";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid" | "no_payment_required";
  url: string | null;
  customer: string | null;
  customer_email: string | null;
  client_reference_id: string | null;
  line_items: LineItemInput[];
  trial_period_days: number | null;
  subscription_metadata: Metadata;
  metadata: Metadata;
  success_url: string;
  cancel_url: string | null;
  allow_promotion_codes: boolean | null;
  automatic_tax_enabled: boolean;
  billing_address_collection: string | null;
  tax_id_collection_enabled: boolean;
  currency: string;
  amount_subtotal: number;
  amount_total: number;
  subscription: string | null;
  invoice: string | null;
};

export type SubscriptionItemRecord = {
  id: string;
  created: number;
  price: string;
  quantity: number;
  metadata: Metadata;
};

export type SubscriptionStatus =
  "trialing" | "active" | "past_due" | "unpaid" | "canceled" | "incomplete" | "incomplete_expired";

export type SubscriptionRecord = {
  id: string;
  object: "subscription";
  created: number;
  start_date: number;
  livemode: false;
  customer: string;
  status: SubscriptionStatus;
  items: SubscriptionItemRecord[];
  currency: string;
  current_period_start: number;
  current_period_end: number;
  billing_cycle_anchor: number;
  trial_start: number | null;
  trial_end: number | null;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  cancellation_reason: string | null;
  latest_invoice: string | null;
  metadata: Metadata;
  test_clock: string | null;
  /** Coupons applied to the subscription (absent in state files written before coupons). */
  discounts?: DiscountRecord[];
};

export type CouponDuration = "once" | "repeating" | "forever";

export type CouponRecord = {
  id: string;
  object: "coupon";
  created: number;
  livemode: false;
  name: string | null;
  percent_off: number | null;
  amount_off: number | null;
  currency: string | null;
  duration: CouponDuration;
  duration_in_months: number | null;
  valid: boolean;
  times_redeemed: number;
  metadata: Metadata;
};

/** A coupon applied to a subscription; `end` is null for `forever` and `once` (until used). */
export type DiscountRecord = {
  id: string;
  coupon: string;
  start: number;
  end: number | null;
};

export type InvoiceLineRecord = {
  id: string;
  price: string;
  quantity: number;
  amount: number;
  description: string;
  period: { start: number; end: number };
  proration: boolean;
  subscription_item: string | null;
};

export type InvoiceStatus = "draft" | "open" | "paid" | "uncollectible" | "void";
export type BillingReason = "subscription_create" | "subscription_cycle" | "subscription_update";

export type InvoiceRecord = {
  id: string;
  object: "invoice";
  created: number;
  livemode: false;
  customer: string;
  customer_email: string | null;
  subscription: string | null;
  status: InvoiceStatus;
  number: string | null;
  currency: string;
  subtotal: number;
  total: number;
  amount_due: number;
  amount_paid: number;
  billing_reason: BillingReason;
  period_start: number;
  period_end: number;
  lines: InvoiceLineRecord[];
  attempt_count: number;
  attempted: boolean;
  next_payment_attempt: number | null;
  finalized_at: number | null;
  paid_at: number | null;
  charge: string | null;
  test_clock: string | null;
  metadata: Metadata;
};

export type ChargeRecord = {
  id: string;
  object: "charge";
  created: number;
  livemode: false;
  customer: string;
  invoice: string | null;
  amount: number;
  amount_refunded: number;
  currency: string;
  refunded: boolean;
  disputed: boolean;
  status: "succeeded";
  description: string | null;
  metadata: Metadata;
};

export type RefundRecord = {
  id: string;
  object: "refund";
  created: number;
  livemode: false;
  charge: string;
  customer: string;
  amount: number;
  currency: string;
  reason: string | null;
  status: "succeeded";
  metadata: Metadata;
};

export type DisputeRecord = {
  id: string;
  object: "dispute";
  created: number;
  livemode: false;
  charge: string;
  amount: number;
  currency: string;
  reason: string;
  status: "needs_response";
  metadata: Metadata;
};

export type TestClockRecord = {
  id: string;
  object: "test_helpers.test_clock";
  created: number;
  deletes_after: number;
  livemode: false;
  frozen_time: number;
  name: string | null;
  status: "ready" | "advancing";
};

export type PortalSessionRecord = {
  id: string;
  object: "billing_portal.session";
  created: number;
  livemode: false;
  customer: string;
  return_url: string | null;
  url: string;
};

export type EventRecord = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  type: string;
  data: { object: JsonObject; previous_attributes?: JsonObject };
  request: { id: string | null; idempotency_key: string | null };
};
