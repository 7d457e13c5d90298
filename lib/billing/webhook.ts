import { eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { z } from "zod";
import { db } from "@/lib/db";
import { stripeEvents } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
import { now as clockNow } from "@/lib/clock";
import { stripe } from "./stripe";

/** The events we act on. Anything else is acknowledged and dropped (Stripe stops resending). */
export const HANDLED_EVENTS = new Set([
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.trial_will_end",
  "customer.subscription.paused",
  "customer.subscription.resumed",
  "invoice.paid",
  "invoice.payment_succeeded",
  "invoice.payment_failed",
  "invoice.payment_action_required",
  "customer.updated",
  "customer.deleted",
  "charge.refunded",
  "charge.dispute.created",
]);

/**
 * Signature tolerance: Stripe's default, five minutes, both ways. The SDK refuses only old
 * timestamps; one further ahead of our clock than this is refused too (a signature made with a
 * clock set forward would otherwise stay replayable until that time). Wall-clock time, like the
 * signer's, not the app's business clock.
 */
export const TOLERANCE_SECONDS = 300;

/**
 * What processing relies on in a verified event. A signature proves who sent a body, not that it
 * has this shape: anything else is refused with 400 naming the field, and nothing is written.
 */
const eventEnvelopeSchema = z.object({
  id: z.string({ error: "must be a string" }).min(1, "must not be empty").max(255, "is too long"),
  type: z.string({ error: "must be a string" }).min(1, "must not be empty").max(255, "is too long"),
  created: z
    .number({ error: "must be a number (Unix seconds)" })
    .int("must be whole seconds")
    .positive("must be positive"),
  data: z.object(
    { object: z.record(z.string(), z.unknown(), { error: "must be an object" }) },
    { error: "must be an object" },
  ),
});

function parseEnvelope(event: unknown): Stripe.Event {
  const parsed = eventEnvelopeSchema.safeParse(event);
  if (parsed.success) return event as Stripe.Event;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".") || "event";
  throw new AppError("bad_request", `Malformed Stripe event: ${field} ${issue.message}.`, {
    [field]: [issue.message],
  });
}

/** The `t=` of a Stripe-Signature header, read exactly as the SDK reads it (the last one). */
function signedAt(signature: string): number | null {
  let timestamp: number | null = null;
  for (const part of signature.split(",")) {
    const [key, value] = part.split("=");
    if (key === "t") timestamp = parseInt(value ?? "", 10);
  }
  return timestamp === null || Number.isNaN(timestamp) ? null : timestamp;
}

/** The customer an event is about: the only payload field processing relies on. */
export function customerOf(event: Stripe.Event): string | null {
  const object = event.data.object as { id?: string; object?: string; customer?: unknown };
  if (object.object === "customer") return object.id ?? null;
  const customer = object.customer;
  if (typeof customer === "string") return customer;
  if (customer && typeof customer === "object" && "id" in customer) {
    return String((customer as { id: unknown }).id);
  }
  return null;
}

export interface WebhookReceipt {
  received: true;
  duplicate: boolean;
  ignored?: boolean;
}

/**
 * Verify a Stripe webhook on its raw body and record it in the ledger with a processing job, in
 * one transaction. A duplicate event id is acknowledged and changes nothing. Throws AppError
 * (400) for a missing, wrong or stale signature, having written nothing.
 */
export async function receiveStripeWebhook(
  rawBody: string,
  signature: string | null,
): Promise<WebhookReceipt> {
  if (!env.STRIPE_WEBHOOK_SECRET) {
    throw new AppError("unavailable", "STRIPE_WEBHOOK_SECRET is not set.");
  }
  if (!signature) throw new AppError("invalid_signature", "Missing Stripe-Signature header.");
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(
      rawBody,
      signature,
      env.STRIPE_WEBHOOK_SECRET,
      TOLERANCE_SECONDS,
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new AppError("invalid_signature", `Webhook rejected: ${error.message}`);
    }
    throw new AppError("bad_request", "The webhook body is not a Stripe event.");
  }
  const timestamp = signedAt(signature);
  if (timestamp === null || timestamp - Math.floor(Date.now() / 1000) > TOLERANCE_SECONDS) {
    throw new AppError(
      "invalid_signature",
      "Webhook rejected: the signature's timestamp is more than 5 minutes in the future.",
    );
  }
  event = parseEnvelope(event);
  if (!HANDLED_EVENTS.has(event.type)) return { received: true, duplicate: false, ignored: true };

  const customerId = customerOf(event);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(stripeEvents)
      .values({
        id: event.id,
        type: event.type,
        customerId,
        createdAt: new Date(event.created * 1000),
        payload: event,
      })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (inserted.length === 0) return { received: true, duplicate: true };
    await enqueue(
      "stripe.process-event",
      { eventId: event.id },
      {
        tx,
        // One customer's events are processed one at a time, in arrival order.
        orderingKey: `stripe:${customerId ?? event.id}`,
        singletonKey: `stripe-event:${event.id}`,
      },
    );
    return { received: true, duplicate: false };
  });
}

/**
 * Record a processing attempt's outcome on the ledger row (visible to operators): `last_error`
 * says why it failed, or why it was skipped.
 */
export async function markEvent(
  eventId: string,
  outcome:
    | { status: "processed" }
    | { status: "skipped"; reason: string }
    | { status: "failed"; error: string },
) {
  const note =
    outcome.status === "failed"
      ? outcome.error
      : outcome.status === "skipped"
        ? outcome.reason
        : null;
  await db
    .update(stripeEvents)
    .set({
      status: outcome.status,
      attempts: sql`${stripeEvents.attempts} + 1`,
      processedAt: outcome.status === "failed" ? null : clockNow(),
      lastError: note?.slice(0, 2_000) ?? null,
    })
    .where(eq(stripeEvents.id, eventId));
}
