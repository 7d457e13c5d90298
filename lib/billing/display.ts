/**
 * How usage meters and billing dates read on the billing page. Pure functions of their inputs
 * (no database), so client and server components can both use them.
 */

/** normal below 80 %, warning from 80 %, full at the limit (or over it, after a downgrade). */
export type MeterLevel = "normal" | "warning" | "full";

import { formatBytes } from "./plans";

const WARNING_PERCENT = 80;
const numberFormat = new Intl.NumberFormat("en-US");

/** `limit` is Infinity when the plan sets no cap, 0 when the plan doesn't include the metric. */
export function meterLevel(used: number, limit: number): MeterLevel {
  if (limit === Infinity) return "normal";
  if (limit <= 0 || used >= limit) return "full";
  return (used / limit) * 100 >= WARNING_PERCENT ? "warning" : "normal";
}

/** How full the bar is, 0–100 (an unlimited meter shows empty). */
export function meterPercent(used: number, limit: number): number {
  if (limit === Infinity) return 0;
  if (limit <= 0) return 100;
  return Math.min(100, Math.max(0, Math.round((used / limit) * 100)));
}

/** "3 of 5", "1,200 of 2,000", "12 · Unlimited", "Not included". */
export function formatMeterValue(used: number, limit: number, unit?: "bytes"): string {
  const format = unit === "bytes" ? formatBytes : (n: number) => numberFormat.format(n);
  if (limit === Infinity) return `${format(used)} · Unlimited`;
  if (limit <= 0) return "Not included";
  return `${format(used)} of ${format(limit)}`;
}

/** A date as the billing page shows it: "March 1, 2027" (UTC, like Stripe's periods). */
export function formatBillingDate(iso: string | Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return date.toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" });
}

export interface BillingStatusInput {
  status: string;
  planName: string;
  effectivePlanName: string;
  currentPeriodEnd: string | null;
  trialEnd: string | null;
  cancelAtPeriodEnd: boolean;
  graceEndsAt: string | null;
}

export interface BillingStatusText {
  /** A short label for a badge: "Trial", "Active", "Past due", "Canceled". */
  label: string;
  tone: "neutral" | "good" | "warning" | "danger";
  /** One sentence about what happens next, or null. */
  detail: string | null;
}

/** What a subscription status means for the customer, in words. */
export function describeBillingStatus(input: BillingStatusInput): BillingStatusText {
  const end = input.currentPeriodEnd ? formatBillingDate(input.currentPeriodEnd) : null;
  const cancels = input.cancelAtPeriodEnd && end ? `Cancels on ${end}.` : null;
  switch (input.status) {
    case "trialing":
      return {
        label: "Trial",
        tone: "good",
        detail:
          cancels ??
          (input.trialEnd
            ? `Trial ends on ${formatBillingDate(input.trialEnd)}; billing starts then.`
            : null),
      };
    case "active":
      return {
        label: "Active",
        tone: "good",
        detail: cancels ?? (end ? `Renews on ${end}.` : null),
      };
    case "past_due":
      return {
        label: "Past due",
        tone: "danger",
        detail:
          input.graceEndsAt && input.effectivePlanName === input.planName
            ? `Past due — grace until ${formatBillingDate(input.graceEndsAt)}. Update your card to keep ${input.planName} features.`
            : `Past due — the grace period is over and ${input.effectivePlanName} limits apply until the payment goes through.`,
      };
    case "unpaid":
      return {
        label: "Unpaid",
        tone: "danger",
        detail: `The last invoice is unpaid; ${input.effectivePlanName} limits apply until it is paid.`,
      };
    case "canceled":
      return {
        label: "Canceled",
        tone: "neutral",
        detail: `The ${input.planName} subscription has ended; ${input.effectivePlanName} limits apply.`,
      };
    case "incomplete":
    case "incomplete_expired":
      return {
        label: "Incomplete",
        tone: "warning",
        detail: "The first payment didn't go through.",
      };
    case "paused":
      return { label: "Paused", tone: "warning", detail: null };
    default:
      return { label: "Free", tone: "neutral", detail: null };
  }
}
