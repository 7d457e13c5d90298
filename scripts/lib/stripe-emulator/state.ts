// Everything the emulator knows, as one JSON-serialisable object (so a state file can hold it).
// Tables are plain objects keyed by id; JavaScript keeps string keys in insertion order, which is
// creation order, which is what list endpoints page through (newest first, as Stripe does).
import type {
  CardBehavior,
  ChargeRecord,
  CheckoutSessionRecord,
  CouponRecord,
  CustomerRecord,
  DisputeRecord,
  EventRecord,
  InvoiceLineRecord,
  InvoiceRecord,
  PortalSessionRecord,
  PriceRecord,
  ProductRecord,
  RefundRecord,
  SubscriptionRecord,
  TestClockRecord,
} from "./types";

export const STATE_VERSION = 1;

export type EmulatorState = {
  version: typeof STATE_VERSION;
  /** Seconds added to the base time source for everything not on a test clock. */
  clockOffset: number;
  invoiceSequence: number;
  customers: Record<string, CustomerRecord>;
  products: Record<string, ProductRecord>;
  prices: Record<string, PriceRecord>;
  checkoutSessions: Record<string, CheckoutSessionRecord>;
  subscriptions: Record<string, SubscriptionRecord>;
  invoices: Record<string, InvoiceRecord>;
  charges: Record<string, ChargeRecord>;
  refunds: Record<string, RefundRecord>;
  coupons: Record<string, CouponRecord>;
  disputes: Record<string, DisputeRecord>;
  testClocks: Record<string, TestClockRecord>;
  portalSessions: Record<string, PortalSessionRecord>;
  events: Record<string, EventRecord>;
  /** Per customer; a customer not listed pays successfully. */
  cardBehavior: Record<string, CardBehavior>;
  /** Subscription id → the trial_end it was warned about (trial_will_end is sent once per trial). */
  trialWarnings: Record<string, number>;
  /** Subscription id → proration lines waiting for the next invoice (create_prorations). */
  pendingLines: Record<string, InvoiceLineRecord[]>;
};

export function emptyState(): EmulatorState {
  return {
    version: STATE_VERSION,
    clockOffset: 0,
    invoiceSequence: 0,
    customers: {},
    products: {},
    prices: {},
    checkoutSessions: {},
    subscriptions: {},
    invoices: {},
    charges: {},
    refunds: {},
    coupons: {},
    disputes: {},
    testClocks: {},
    portalSessions: {},
    events: {},
    cardBehavior: {},
    trialWarnings: {},
    pendingLines: {},
  };
}

/** Newest first, as every Stripe list endpoint returns them. */
export function newestFirst<T>(table: Record<string, T>): T[] {
  return Object.values(table).reverse();
}
