import { eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { db } from "@/lib/db";
import { stripeEvents } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
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

/** Signature tolerance: Stripe's default, five minutes. */
const TOLERANCE_SECONDS = 300;

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

/** Record a processing attempt's outcome on the ledger row (visible to operators). */
export async function markEvent(
  eventId: string,
  outcome: { status: "processed" | "skipped" } | { status: "failed"; error: string },
) {
  await db
    .update(stripeEvents)
    .set({
      status: outcome.status,
      attempts: sql`${stripeEvents.attempts} + 1`,
      processedAt: outcome.status === "failed" ? null : new Date(),
      lastError: outcome.status === "failed" ? outcome.error.slice(0, 2_000) : null,
    })
    .where(eq(stripeEvents.id, eventId));
}
