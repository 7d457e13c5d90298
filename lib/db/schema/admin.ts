import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users, workspaces } from "./auth";

/** The console's Stripe actions on a workspace's subscription (lib/admin/manage-subscription.ts). */
export const ADMIN_BILLING_ACTIONS = [
  "cancel_at_period_end",
  "cancel_now",
  "extend_trial",
  "apply_coupon",
  "refund",
  "switch_plan",
] as const;
export type AdminBillingAction = (typeof ADMIN_BILLING_ACTIONS)[number];

/**
 * A Stripe request an operator made from the console, kept so the workspace page can show it as
 * pending until its webhook has been processed. The request is sent with `idempotency_key`;
 * Stripe stamps that key on the events the request causes (`event.request.idempotency_key`), so
 * the action is applied once the ledger (stripe_events) holds a processed event carrying it.
 * Nothing else reads these rows: our billing state still comes only from convergence.
 * One row per key, so a double submission is recorded (and audited) once.
 */
export const adminPendingActions = pgTable(
  "admin_pending_actions",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    adminId: text("admin_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").$type<AdminBillingAction>().notNull(),
    /** What was asked for, for display (amounts in cents, dates as ISO strings). */
    details: jsonb("details").$type<Record<string, unknown>>().notNull(),
    /** The Stripe object the request acted on or created (sub_…, re_…). */
    stripeObjectId: text("stripe_object_id"),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("admin_pending_actions_workspace_idx").on(t.workspaceId, t.createdAt)],
).enableRLS();

export type AdminPendingAction = typeof adminPendingActions.$inferSelect;
