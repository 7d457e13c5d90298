import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Every email the app sends, rendered, in the order it was sent. Without RESEND_API_KEY this is
 * the local outbox shown at /dev/emails; with it, the record of what went to Resend.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: text("id").primaryKey(),
    template: text("template").notNull(),
    to: text("to").notNull(),
    from: text("from").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    /** Callers pass one so a retried action never sends the same email twice. */
    idempotencyKey: text("idempotency_key").unique(),
    /** `outbox` (kept locally), `sent` (accepted by Resend) or `failed`. */
    status: text("status").notNull().default("outbox"),
    providerMessageId: text("provider_message_id"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_outbox_to_idx").on(t.to, t.createdAt)],
).enableRLS();

export type OutboxEmail = typeof emailOutbox.$inferSelect;
