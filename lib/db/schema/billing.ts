import { sql } from "drizzle-orm";
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
    /**
     * Customers this workspace had that were deleted in Stripe, oldest first. Their late events
     * still belong to this workspace's history, and the next checkout creates a fresh customer.
     */
    formerStripeCustomerIds: text("former_stripe_customer_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
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
    /**
     * When the subscription went past_due, by Stripe's clock (the failed invoice's first payment
     * attempt); the 7-day grace period counts from here, however late we learned of it.
     */
    pastDueSince: timestamp("past_due_since", { withTimezone: true }),
    /** `created` of the newest Stripe event applied: older events are ignored. */
    lastEventAt: timestamp("last_event_at", { withTimezone: true }),
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * What the workspace adds to monthly recurring revenue now, computed by the database from the
     * row (the same rule as subscription_history.mrr_cents): the amount while `active` or
     * `past_due`, a twelfth of it for yearly prices, otherwise 0. For sorting and summing in the
     * operator console; never written.
     */
    mrrCents: integer("mrr_cents")
      .notNull()
      .generatedAlwaysAs(
        sql`CASE WHEN status IN ('active', 'past_due') THEN CASE WHEN billing_interval = 'yearly' THEN amount_cents / 12 ELSE amount_cents END ELSE 0 END`,
      ),
  },
  (t) => [
    // Customer lookup in the operator console by subscription id (sub_…).
    index("billing_accounts_subscription_idx").on(t.stripeSubscriptionId),
    // The console's workspace list: filter by plan and status, sort by MRR.
    index("billing_accounts_plan_status_idx").on(t.planId, t.status),
    index("billing_accounts_mrr_idx").on(t.mrrCents, t.workspaceId),
  ],
).enableRLS();

export type BillingAccount = typeof billingAccounts.$inferSelect;

/** How a history row changed monthly recurring revenue (see subscription_history). */
export const MRR_MOVEMENTS = [
  "none",
  "new",
  "expansion",
  "contraction",
  "churn",
  "reactivation",
] as const;
export type MrrMovement = (typeof MRR_MOVEMENTS)[number];

/**
 * Where a history row came from. `stripe` rows are derived from the Stripe subscription
 * snapshots in the event ledger (lib/billing/history.ts keeps them equal to that derivation);
 * `manual` rows are written by operators (Enterprise contracts); `legacy` rows were written
 * before the history was derived from events (kept as they were, duplicates removed).
 */
export const HISTORY_SOURCES = ["stripe", "manual", "legacy"] as const;
export type HistorySource = (typeof HISTORY_SOURCES)[number];

/**
 * The subscription history that revenue analytics (MRR, ARR, movements, NRR/GRR, trial
 * conversion, churn timing) are computed from. One row per change of what a workspace pays for,
 * dated by Stripe's clock, never a row that changes nothing:
 *
 * - A row is written when any of its identity columns differs from the row before it:
 *   stripe_customer_id, stripe_subscription_id, plan_id, billing_interval, status, seats,
 *   amount_cents, currency, cancel_at_period_end. trial_end, current_period_end and canceled_at
 *   are recorded with the row but do not make one (a renewal or a trial extension is no change).
 * - `effective_at` is when the change happened in Stripe (the `created` of the event whose
 *   subscription snapshot shows it); `recorded_at` is when we wrote the row. Order by
 *   effective_at. Changes within one second are one row (the state at the end of that second).
 * - `mrr_cents` is the revenue the state stands for: the amount while `active` or `past_due`
 *   (a twelfth of it for yearly prices), otherwise 0 (trials, cancellations, unpaid).
 * - `previous_status` / `previous_mrr_cents` are the row before's (`none` / 0 for the first),
 *   and `movement` classifies the change at write time: `new` (first revenue ever),
 *   `reactivation` (revenue again after having had some), `expansion` / `contraction` (revenue
 *   up / down), `churn` (revenue to 0), `none` (no revenue change: a trial starting, a
 *   cancel-at-period-end toggle, a subscription replaced at the same price). Trial conversion is
 *   `previous_status = 'trialing'` with `mrr_cents > 0`; a scheduled churn is
 *   `cancel_at_period_end` with its `current_period_end`.
 *
 * Rows are never updated (a trigger refuses it). Derived rows are re-derived when an event
 * older than the newest row arrives late: the rows after it are replaced in one transaction, so
 * the table always equals what a replay of the ledger produces.
 */
export const subscriptionHistory = pgTable(
  "subscription_history",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").$type<HistorySource>().notNull().default("manual"),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    planId: text("plan_id").notNull(),
    billingInterval: text("billing_interval"),
    status: text("status").notNull(),
    seats: integer("seats").notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("usd"),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    /** Monthly recurring revenue this state represents (yearly amounts divided by 12). */
    mrrCents: integer("mrr_cents").notNull(),
    previousStatus: text("previous_status").notNull().default("none"),
    previousMrrCents: integer("previous_mrr_cents").notNull().default(0),
    movement: text("movement").$type<MrrMovement>().notNull().default("none"),
    trialEnd: timestamp("trial_end", { withTimezone: true }),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
    canceledAt: timestamp("canceled_at", { withTimezone: true }),
    /** What caused the change: the Stripe event type, or `manual`. */
    reason: text("reason").notNull(),
    stripeEventId: text("stripe_event_id"),
    /** When the change happened, by Stripe's clock. */
    effectiveAt: timestamp("effective_at", { withTimezone: true }).notNull().defaultNow(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("subscription_history_workspace_idx").on(t.workspaceId, t.effectiveAt)],
).enableRLS();

export type SubscriptionHistoryRow = typeof subscriptionHistory.$inferSelect;

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
    /**
     * The workspace the event's customer belonged to when it was processed (also for a deleted
     * former customer): the events a workspace's subscription history is derived from.
     */
    workspaceId: text("workspace_id"),
    /** Stripe's `created` for the event. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    status: text("status").$type<StripeEventStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    /** Why the last attempt failed, or why the event was skipped. */
    lastError: text("last_error"),
    /** Kept for reading and support; processing re-reads Stripe instead of trusting it. */
    payload: jsonb("payload").$type<unknown>().notNull(),
  },
  (t) => [
    index("stripe_events_customer_idx").on(t.customerId, t.createdAt),
    index("stripe_events_status_idx").on(t.status, t.receivedAt),
    index("stripe_events_workspace_idx").on(t.workspaceId, t.createdAt),
    // The events a request caused, by the Idempotency-Key it was sent with (admin actions).
    index("stripe_events_request_key_idx").using(
      "btree",
      sql`(${t.payload} -> 'request' ->> 'idempotency_key')`,
    ),
  ],
).enableRLS();

/**
 * Stripe customers that claim a workspace (by the `workspace_id` in their metadata) which is
 * linked to another, live customer. They are never applied: one row per such customer, for
 * operators to resolve (see docs/runbooks/billing.md), with how often it has been seen.
 */
export const billingCustomerConflicts = pgTable(
  "billing_customer_conflicts",
  {
    stripeCustomerId: text("stripe_customer_id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The customer the workspace is linked to (the one that keeps applying). */
    linkedCustomerId: text("linked_customer_id").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    seenCount: integer("seen_count").notNull().default(1),
  },
  (t) => [index("billing_customer_conflicts_workspace_idx").on(t.workspaceId)],
).enableRLS();

export type BillingCustomerConflict = typeof billingCustomerConflicts.$inferSelect;

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
