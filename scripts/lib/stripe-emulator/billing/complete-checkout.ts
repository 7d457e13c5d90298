// What the hosted checkout page's "Pay" does: find or create the customer, start the subscription
// (trialing or active, with its first invoice paid), complete the session, announce it.
// A customer whose card is set to fail (or to require action) is declined before anything changes.
import { createCustomer } from "../api/customers";
import type { EmulatorContext } from "../context";
import { invalidRequest } from "../errors";
import { presentCheckoutSession } from "../present";
import type { CheckoutSessionRecord } from "../types";
import { startSubscription } from "./lifecycle";

export type CheckoutOutcome = "completed" | "declined";

export function completeCheckout(
  ctx: EmulatorContext,
  session: CheckoutSessionRecord,
  { declineCard = false } = {},
): CheckoutOutcome {
  if (session.status !== "open") throw invalidRequest("This Checkout Session is no longer open.");
  const card = session.customer ? ctx.state.cardBehavior[session.customer] : undefined;
  if (declineCard || (card !== undefined && card !== "succeed")) return "declined";
  const now = ctx.clock.nowFor(session.customer);
  const customer =
    session.customer ??
    createCustomer(ctx, session.customer_email ? { email: session.customer_email } : {}).id;
  const { subscription, invoice } = startSubscription(
    ctx,
    {
      customer,
      items: session.line_items,
      trialDays: session.trial_period_days,
      metadata: session.subscription_metadata,
    },
    now,
  );
  session.status = "complete";
  session.payment_status = invoice.amount_paid > 0 ? "paid" : "no_payment_required";
  session.customer = customer;
  session.subscription = subscription.id;
  session.invoice = invoice.id;
  ctx.events.emit("checkout.session.completed", presentCheckoutSession(ctx, session), now);
  return "completed";
}

export function successRedirect(session: CheckoutSessionRecord): string {
  return session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id);
}
