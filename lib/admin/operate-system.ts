import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db";
import { stripeEvents } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
import { discardDeadJob, retryDeadJob } from "@/lib/jobs/admin";
import { isId, parseInput } from "@/lib/validation";
import { recordAdminAction } from "./record-admin-action";
import type { AdminPrincipal } from "./require-platform-admin";
import { reasonSchema } from "./schemas";

/** The health page's actions: each needs a reason and is audited with the admin as actor. */

const reasonOnly = z.object({ reason: reasonSchema });
const STRIPE_EVENT_ID = /^evt_[A-Za-z0-9_]{1,255}$/;

function jobId(id: string) {
  if (!isId(id)) throw new AppError("not_found", "This job is no longer dead (retried or gone).");
  return id;
}

/** Give a dead job a fresh set of attempts. */
export async function retryJob(admin: AdminPrincipal, id: string, input: unknown) {
  const { reason } = parseInput(reasonOnly, input);
  if (!(await retryDeadJob(jobId(id)))) {
    throw new AppError("not_found", "This job is no longer dead (retried or gone).");
  }
  await recordAdminAction(db, admin, {
    action: "admin.job_retried",
    target: { type: "job", id },
    reason,
  });
}

/** Drop a dead job for good (read its payload and error on the page first). */
export async function discardJob(admin: AdminPrincipal, id: string, input: unknown) {
  const { reason } = parseInput(reasonOnly, input);
  if (!(await discardDeadJob(jobId(id)))) {
    throw new AppError("not_found", "This job is no longer dead (retried or gone).");
  }
  await recordAdminAction(db, admin, {
    action: "admin.job_discarded",
    target: { type: "job", id },
    reason,
  });
}

/**
 * Process a failed Stripe event again: the ledger row goes back to `pending` and a processing job
 * is queued in the same transaction (one per failed attempt, so a double submission queues one).
 * Processing re-reads Stripe, as for any event; the page shows `pending` until it has run.
 */
export async function replayStripeEvent(admin: AdminPrincipal, eventId: string, input: unknown) {
  const { reason } = parseInput(reasonOnly, input);
  const missing = () => new AppError("not_found", "This event is not failed (replayed or gone).");
  if (!STRIPE_EVENT_ID.test(eventId)) throw missing();
  await db.transaction(async (tx) => {
    const [event] = await tx
      .update(stripeEvents)
      .set({ status: "pending" })
      .where(and(eq(stripeEvents.id, eventId), eq(stripeEvents.status, "failed")))
      .returning({
        id: stripeEvents.id,
        customerId: stripeEvents.customerId,
        attempts: stripeEvents.attempts,
      });
    if (!event) throw missing();
    await enqueue(
      "stripe.process-event",
      { eventId: event.id },
      {
        tx,
        orderingKey: `stripe:${event.customerId ?? event.id}`,
        singletonKey: `stripe-event:${event.id}:replay:${event.attempts}`,
      },
    );
    await recordAdminAction(tx, admin, {
      action: "admin.webhook_replayed",
      target: { type: "stripe_event", id: event.id },
      reason,
      metadata: { attempts: event.attempts },
    });
  });
}
