import type Stripe from "stripe";
import type { Transaction } from "@/lib/db";
import type { BillingAccount } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { billingPageUrl } from "./checkout";
import { emailOwners } from "./entitlements";
import { formatPrice, getPlan, type PlanId } from "./plans";
import type { Projection } from "./projection";
import { GRACE_DAYS } from "./state";

const DAY_MS = 24 * 60 * 60_000;

const dateText = (date: Date) =>
  date.toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" });

/**
 * Emails follow from the converged state, each under an idempotency key naming the fact it
 * reports (this subscription on this plan, this invoice paid), so a second look at the same
 * state never sends a second email, whatever order the events came in.
 */
export async function sendBillingEmails(
  tx: Transaction,
  before: BillingAccount,
  after: Projection,
  context: {
    invoices: Stripe.Invoice[];
    actionRequired: Stripe.Invoice | null;
    /** When the grace period started (Stripe's time of the first failed attempt). */
    pastDueSince: Date | null;
    now: Date;
  },
) {
  const plan = getPlan(after.planId);
  const subscriptionId = after.stripeSubscriptionId;
  await emailOwners(tx, before.workspaceId, async (workspace, to) => {
    const billingUrl = billingPageUrl(workspace.slug);
    const base = { workspaceName: workspace.name };
    if (
      subscriptionId &&
      after.planId !== "free" &&
      (after.status === "active" || after.status === "trialing")
    ) {
      await sendEmail(
        "subscription-confirmed",
        to,
        {
          ...base,
          planName: plan.name,
          billingInterval: after.billingInterval === "yearly" ? "yearly" : "monthly",
          amount: formatPrice(after.amountCents, after.currency),
          billingUrl,
          trialEndsOn:
            after.status === "trialing" && after.trialEnd ? dateText(after.trialEnd) : "",
        },
        {
          tx,
          idempotencyKey: `subscribed:${subscriptionId}:${after.planId}:${after.billingInterval}:${to}`,
        },
      );
    }
    if (subscriptionId && after.status === "trialing" && after.trialEnd) {
      const left = after.trialEnd.getTime() - context.now.getTime();
      if (left > 0 && left <= 3 * DAY_MS) {
        await sendEmail(
          "trial-ending",
          to,
          { ...base, planName: plan.name, trialEndsOn: dateText(after.trialEnd), billingUrl },
          {
            tx,
            idempotencyKey: `trial-ending:${subscriptionId}:${after.trialEnd.getTime()}:${to}`,
          },
        );
      }
    }
    if (subscriptionId && (after.status === "canceled" || after.status === "unpaid")) {
      const previous = getPlan(before.planId as PlanId) ?? plan;
      await sendEmail(
        "subscription-canceled",
        to,
        {
          ...base,
          planName: previous.name,
          endsOn: dateText(after.canceledAt ?? context.now),
          billingUrl,
        },
        { tx, idempotencyKey: `canceled:${subscriptionId}:${to}` },
      );
    }
    for (const invoice of context.invoices) {
      if (invoice.status === "paid" && invoice.amount_paid > 0) {
        await sendEmail(
          "payment-succeeded",
          to,
          {
            ...base,
            planName: plan.name,
            amount: formatPrice(invoice.amount_paid, invoice.currency),
            paidOn: dateText(
              new Date((invoice.status_transitions?.paid_at ?? invoice.created) * 1000),
            ),
            periodEnd: dateText(new Date(invoice.period_end * 1000)),
            invoiceNumber: invoice.number ?? invoice.id ?? "",
            invoiceUrl: invoice.hosted_invoice_url ?? billingUrl,
            billingUrl,
          },
          { tx, idempotencyKey: `receipt:${invoice.id}:${to}` },
        );
      }
      if (invoice.status === "open" && invoice.attempt_count > 0) {
        const since = context.pastDueSince ?? context.now;
        await sendEmail(
          "payment-failed",
          to,
          {
            ...base,
            amount: formatPrice(invoice.amount_due, invoice.currency),
            graceEndsOn: dateText(new Date(since.getTime() + GRACE_DAYS * DAY_MS)),
            updatePaymentUrl: billingUrl,
          },
          { tx, idempotencyKey: `payment-failed:${invoice.id}:${to}` },
        );
      }
    }
    const action = context.actionRequired;
    if (action && action.status === "open") {
      await sendEmail(
        "payment-action-required",
        to,
        {
          ...base,
          amount: formatPrice(action.amount_due, action.currency),
          confirmUrl: action.hosted_invoice_url ?? billingUrl,
        },
        { tx, idempotencyKey: `action-required:${action.id}:${to}` },
      );
    }
  });
}
