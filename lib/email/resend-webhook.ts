import { eq } from "drizzle-orm";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import { db } from "@/lib/db";
import { emailEvents, emailOutbox, type EmailStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { suppress } from "./preferences";

/** Resend's delivery events we record, and the outbox status each one means. */
const STATUS_FOR_EVENT: Record<string, EmailStatus> = {
  "email.delivered": "delivered",
  "email.delivery_delayed": "delivery_delayed",
  "email.bounced": "bounced",
  "email.complained": "complained",
  "email.failed": "failed",
};

/** Later states win over earlier ones: a delayed message that is then delivered reads delivered. */
const RANK: Partial<Record<EmailStatus, number>> = {
  sent: 0,
  delivery_delayed: 1,
  delivered: 2,
  failed: 3,
  bounced: 3,
  complained: 4,
};

const eventSchema = z.object({
  type: z.string().min(1),
  created_at: z.string().min(1),
  data: z
    .object({
      email_id: z.string().min(1),
      to: z.union([z.array(z.string()), z.string()]).optional(),
      bounce: z.object({ type: z.string().optional(), message: z.string().optional() }).optional(),
    })
    .passthrough(),
});

export interface ResendWebhookHeaders {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
}

/**
 * Verify a Resend webhook (Standard Webhooks / svix signature over the raw body, at most five
 * minutes old) and record it. A repeated delivery of one message id is recorded once. Throws
 * AppError 400 for anything unsigned, re-signed, tampered or stale, before writing anything.
 */
export async function receiveResendWebhook(
  rawBody: string,
  headers: ResendWebhookHeaders,
  secret: string,
): Promise<{ recorded: boolean; type: string }> {
  if (!headers.id || !headers.timestamp || !headers.signature) {
    throw new AppError("invalid_signature", "Missing svix-id, svix-timestamp or svix-signature.");
  }
  let payload: unknown;
  try {
    payload = new Webhook(secret).verify(rawBody, {
      "webhook-id": headers.id,
      "webhook-timestamp": headers.timestamp,
      "webhook-signature": headers.signature,
    });
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      throw new AppError("invalid_signature", `Webhook rejected: ${error.message}.`);
    }
    throw error;
  }
  const parsed = eventSchema.safeParse(payload);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") || "body";
    throw new AppError("bad_request", `Webhook payload field "${field}" is missing or invalid.`);
  }
  const event = parsed.data;
  const status = STATUS_FOR_EVENT[event.type];
  const occurredAt = new Date(event.created_at);
  const messageId = event.data.email_id;

  return db.transaction(async (tx) => {
    const [email] = await tx
      .select({ id: emailOutbox.id, to: emailOutbox.to, status: emailOutbox.status })
      .from(emailOutbox)
      .where(eq(emailOutbox.providerMessageId, messageId));
    const inserted = await tx
      .insert(emailEvents)
      .values({
        id: headers.id!,
        outboxId: email?.id ?? null,
        providerMessageId: messageId,
        type: event.type,
        payload: event,
        occurredAt: Number.isNaN(occurredAt.getTime()) ? new Date() : occurredAt,
      })
      .onConflictDoNothing()
      .returning({ id: emailEvents.id });
    if (inserted.length === 0) return { recorded: false, type: event.type };

    if (email && status && (RANK[status] ?? 0) >= (RANK[email.status] ?? 0)) {
      await tx
        .update(emailOutbox)
        .set({ status, updatedAt: new Date() })
        .where(eq(emailOutbox.id, email.id));
    }
    const address = email?.to ?? [event.data.to ?? []].flat()[0];
    const hardBounce = event.type === "email.bounced" && event.data.bounce?.type !== "Transient";
    if (address && (hardBounce || event.type === "email.complained")) {
      await suppress(
        address,
        hardBounce ? "bounced" : "complained",
        event.data.bounce?.message ?? event.type,
        tx,
      );
    }
    return { recorded: true, type: event.type };
  });
}
