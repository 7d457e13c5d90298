import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { users, workspaces } from "./auth";

/**
 * Billing: the workspace is the billing subject. Local state is a projection of Stripe's,
 * converged from Stripe by lib/billing/sync.ts; nothing here is written from a browser redirect.
 */

/** Stripe's subscription statuses, plus `none` for a workspace that never subscribed. */
export const SUBSCRIPTION_STATUSES = [
  "none",
  "trialing",
  "active",
  "past_due",
  "unpaid",
  "canceled",
  "incomplete",
  "incomplete_expired",
  "paused",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** One row per workspace: its Stripe customer and the subscription state last converged. */
export const billingAccounts = pgTable(
  "billing_accounts",
  {
    workspaceId: text("workspace_id")
      .primaryKey()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    stripeCustomerId: text("stripe_customer_id").unique(),
    /** The plan subscribed to; limits follow `effectivePlan` (lib/billing/state.ts). */
    planId: text("plan_id").notNull().default("free"),
    billingInterval: text("billing_interval"),
    status: text("status").$type<SubscriptionStatus>().notNull().default("none"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    stripePriceId: text("stripe_price_id"),
    seats: integer("seats").notNull().default(1),
    /** What one billing interval costs, in cents (seats included). */
    amountCents: integer("amount_cents").notNull().default(0),
    currentPeriodStart: timestamp("current_period_start", { withTimezone: true }),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
    trialEnd: timestamp("trial_end", { withTimezone: true }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    canceledAt: timestamp("canceled_at", { withTimezone: true }),
    /** When the subscription went past_due; the 7-day grace period counts from here. */
    pastDueSince: timestamp("past_due_since", { withTimezone: true }),
    /** `created` of the newest Stripe event applied: older events are ignored. */
    lastEventAt: timestamp("last_event_at", { withTimezone: true }),
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  () => [],
).enableRLS();

export type BillingAccount = typeof billingAccounts.$inferSelect;

/**
 * Append-only history of subscription changes (plan, seats, amount, status): the operator
 * console computes MRR, churn and retention from it.
 */
export const subscriptionHistory = pgTable(
  "subscription_history",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    planId: text("plan_id").notNull(),
    billingInterval: text("billing_interval"),
    status: text("status").notNull(),
    seats: integer("seats").notNull(),
    amountCents: integer("amount_cents").notNull(),
    /** Monthly recurring revenue this state represents (yearly amounts divided by 12). */
    mrrCents: integer("mrr_cents").notNull(),
    /** What caused the change: a Stripe event type, `reconcile`, or `manual`. */
    reason: text("reason").notNull(),
    stripeEventId: text("stripe_event_id"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("subscription_history_workspace_idx").on(t.workspaceId, t.recordedAt)],
).enableRLS();

export const STRIPE_EVENT_STATUSES = ["pending", "processed", "skipped", "failed"] as const;
export type StripeEventStatus = (typeof STRIPE_EVENT_STATUSES)[number];

/**
 * The webhook ledger: every Stripe event id once. Inserting a duplicate does nothing, so a
 * redelivered event is acknowledged and never applied twice.
 */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    customerId: text("customer_id"),
    /** Stripe's `created` for the event. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    status: text("status").$type<StripeEventStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    lastError: text("last_error"),
    /** Kept for reading and support; processing re-reads Stripe instead of trusting it. */
    payload: jsonb("payload").$type<unknown>().notNull(),
  },
  (t) => [
    index("stripe_events_customer_idx").on(t.customerId, t.createdAt),
    index("stripe_events_status_idx").on(t.status, t.receivedAt),
  ],
).enableRLS();

/**
 * Usage that resets each period (problems created, API requests), counted in the same
 * transaction as the thing counted. Boards and seats are counted from their own tables.
 */
export const usageCounters = pgTable(
  "usage_counters",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    metric: text("metric").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    used: integer("used").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.metric, t.periodStart] })],
).enableRLS();

/** Usage warnings sent (80 % and 100 %), once per workspace, metric and period. */
export const usageAlerts = pgTable(
  "usage_alerts",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    metric: text("metric").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    threshold: integer("threshold").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.metric, t.periodStart, t.threshold] })],
).enableRLS();

/** Enterprise "contact sales" requests from /pricing. */
export const salesInquiries = pgTable(
  "sales_inquiries",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    company: text("company").notNull(),
    seats: integer("seats").notNull(),
    message: text("message").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  () => [],
).enableRLS();
