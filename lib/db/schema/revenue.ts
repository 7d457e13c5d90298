import { bigint, date, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Revenue rollups for the operator console (lib/admin/revenue). The dashboard reads these, one
 * row per day, instead of the subscription history, so it costs O(days), not O(subscriptions).
 *
 * Every revenue column is a flow: what the history rows effective on that UTC day changed
 * (MRR moved, customers gained or lost, trials started or ended). Levels (MRR, paying customers,
 * customers per plan on a day) are the running sum of the flows up to that day. Flows add up
 * across workspaces, so one workspace's history change updates the rollups by the difference it
 * makes (lib/admin/revenue/rollups.ts), in the transaction that changes the history.
 */
export const revenueDaily = pgTable("revenue_daily", {
  day: date("day", { mode: "string" }).primaryKey(),
  newCents: bigint("new_cents", { mode: "number" }).notNull().default(0),
  expansionCents: bigint("expansion_cents", { mode: "number" }).notNull().default(0),
  contractionCents: bigint("contraction_cents", { mode: "number" }).notNull().default(0),
  churnCents: bigint("churn_cents", { mode: "number" }).notNull().default(0),
  reactivationCents: bigint("reactivation_cents", { mode: "number" }).notNull().default(0),
  newCustomers: integer("new_customers").notNull().default(0),
  reactivatedCustomers: integer("reactivated_customers").notNull().default(0),
  churnedCustomers: integer("churned_customers").notNull().default(0),
  trialsStarted: integer("trials_started").notNull().default(0),
  trialsConverted: integer("trials_converted").notNull().default(0),
  trialsExpired: integer("trials_expired").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}).enableRLS();

export type RevenueDay = typeof revenueDaily.$inferSelect;

/** Per plan and day: paying customers gained minus lost, and the MRR that moved with them. */
export const revenueDailyPlans = pgTable(
  "revenue_daily_plans",
  {
    day: date("day", { mode: "string" }).notNull(),
    planId: text("plan_id").notNull(),
    customers: integer("customers").notNull().default(0),
    mrrCents: bigint("mrr_cents", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.planId] })],
).enableRLS();

/**
 * Product activity per UTC day, written by the `revenue.activity` job: sign-ups that day, and
 * the users and workspaces active in the 7 days ending that day (a level, frozen once the day
 * is over; see docs/admin.md for what counts as active).
 */
export const activityDaily = pgTable("activity_daily", {
  day: date("day", { mode: "string" }).primaryKey(),
  signups: integer("signups").notNull().default(0),
  weeklyActiveUsers: integer("weekly_active_users").notNull().default(0),
  weeklyActiveWorkspaces: integer("weekly_active_workspaces").notNull().default(0),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
}).enableRLS();

export type ActivityDay = typeof activityDaily.$inferSelect;
