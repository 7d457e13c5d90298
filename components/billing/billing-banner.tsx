import Link from "next/link";
import { formatBillingDate } from "@/lib/billing/display";
import { getPlan } from "@/lib/billing/plans";
import type { BillingState } from "@/lib/billing/state";

/** How long after a subscription ends the workspace keeps saying it is on Free limits. */
const ENDED_NOTICE_MS = 14 * 24 * 60 * 60_000;

/**
 * A strip under the workspace tabs when billing needs attention: a failed payment (with the end
 * of the grace period), or a paid plan that ended and left the workspace on Free limits.
 * Renders nothing otherwise.
 */
export function BillingBanner({
  state,
  billingHref,
  now = new Date(),
}: {
  state: BillingState;
  billingHref: string;
  now?: Date;
}) {
  const plan = getPlan(state.planId);
  let message: string | null = null;
  let action = "Go to billing";
  let urgent = false;
  if (state.status === "past_due") {
    urgent = true;
    action = "Update your card";
    message =
      state.graceEndsAt && state.effectivePlanId === state.planId
        ? `Your last payment failed. Update your card by ${formatBillingDate(state.graceEndsAt)} to keep ${plan.name} features.`
        : `Your last payment failed and the grace period is over: this workspace is on Free limits until the payment goes through.`;
  } else if (state.status === "unpaid" && state.planId !== "free") {
    urgent = true;
    action = "Update your card";
    message = `The ${plan.name} subscription is unpaid: this workspace is on Free limits until the last invoice is paid.`;
  } else if (
    state.status === "canceled" &&
    state.planId !== "free" &&
    state.currentPeriodEnd &&
    now.getTime() - new Date(state.currentPeriodEnd).getTime() < ENDED_NOTICE_MS
  ) {
    action = "Choose a plan";
    message = `The ${plan.name} subscription has ended: this workspace is on Free limits.`;
  }
  if (!message) return null;
  return (
    <aside
      aria-label="Billing notice"
      className={
        urgent
          ? "border-b border-destructive/30 bg-destructive/10 text-sm"
          : "border-b bg-muted text-sm"
      }
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
        <p className={urgent ? "font-medium text-destructive" : undefined}>{message}</p>
        <Link href={billingHref} className="font-medium underline underline-offset-4">
          {action}
        </Link>
      </div>
    </aside>
  );
}
