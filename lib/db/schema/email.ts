import {
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * `queued` (written, waiting for the send job), `sent` (accepted by Resend, or delivered to the
 * local outbox when Resend is not configured), then what Resend reports: `delivered`,
 * `delivery_delayed`, `bounced`, `complained`, `failed`. `failed` is also where a send ends when
 * Resend refused it for good (the reason is in `error`); `suppressed` means it was never sent
 * because the address bounced, complained or unsubscribed.
 */
export type EmailStatus =
  | "queued"
  | "sent"
  | "delivered"
  | "delivery_delayed"
  | "bounced"
  | "complained"
  | "failed"
  | "suppressed";

/**
 * The transactional outbox: every email the app sends, written in the same transaction as the
 * change that causes it and delivered by the `email.send` job. Without RESEND_API_KEY the job
 * delivers to this table alone (read it at /dev/emails).
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: text("id").primaryKey(),
    template: text("template").notNull(),
    /** `transactional` (always sent) or `notification` (honours unsubscribes and suppressions). */
    category: text("category").notNull().default("transactional"),
    to: text("to").notNull(),
    from: text("from").notNull(),
    props: jsonb("props").$type<Record<string, unknown>>().notNull().default({}),
    /** Filled in when the job renders the message. */
    subject: text("subject"),
    html: text("html"),
    text: text("text"),
    /** Callers pass one so a retried action never sends the same email twice. */
    idempotencyKey: text("idempotency_key").unique(),
    status: text("status").$type<EmailStatus>().notNull().default("queued"),
    /** `resend`, or `local` for the outbox viewer. */
    provider: text("provider"),
    providerMessageId: text("provider_message_id"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("email_outbox_to_idx").on(t.to, t.createdAt),
    // Delivery counts over the last 24 hours / 7 days in the operator console.
    index("email_outbox_created_at_idx").on(t.createdAt),
    uniqueIndex("email_outbox_provider_message_idx").on(t.providerMessageId),
  ],
).enableRLS();

export type OutboxEmail = typeof emailOutbox.$inferSelect;

/** Delivery events from Resend's webhook, once each (keyed by the webhook message id). */
export const emailEvents = pgTable(
  "email_events",
  {
    id: text("id").primaryKey(),
    outboxId: text("outbox_id").references(() => emailOutbox.id, { onDelete: "cascade" }),
    providerMessageId: text("provider_message_id"),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_events_outbox_idx").on(t.outboxId, t.occurredAt)],
).enableRLS();

/** Addresses that hard-bounced or complained: no more non-transactional mail goes to them. */
export const emailSuppressions = pgTable(
  "email_suppressions",
  {
    email: text("email").primaryKey(),
    /** `bounced` or `complained`. */
    reason: text("reason").notNull(),
    detail: text("detail"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  () => [],
).enableRLS();

/** Per-address opt-outs of a category of non-transactional mail (one-click or from /account). */
export const emailUnsubscribes = pgTable(
  "email_unsubscribes",
  {
    email: text("email").notNull(),
    category: text("category").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.email, t.category] })],
).enableRLS();
