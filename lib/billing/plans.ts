import { z } from "zod";

import { isLive, type CapabilityId } from "@/lib/content/features";

/**
 * The plan catalog: the single source of truth for prices, trials and limits (DESIGN.md §1
 * "Plans"). Pricing pages, checkout, limit enforcement and usage meters all read from here;
 * Stripe prices are found by `lookupKey`, never by hard-coded price ids.
 *
 * Amounts are integers in the currency's smallest unit (cents). `Infinity` in `limits` means the
 * plan sets no cap. Two cases read differently:
 * - Team `seats`: the cap is the number of seats the workspace pays for (see `getSeatLimit`).
 * - Enterprise: most caps are agreed per contract ("custom"); absent a contract override the plan
 *   itself enforces none.
 * `Infinity` does not survive `JSON.stringify` (it becomes `null`): serialise limits yourself.
 */

export const PLAN_IDS = ["free", "pro", "team", "enterprise"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const BILLING_INTERVALS = ["monthly", "yearly"] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

export const planIdSchema = z.enum(PLAN_IDS);
export const billingIntervalSchema = z.enum(BILLING_INTERVALS);

/** The currency every catalog price is in. */
export const PLAN_CURRENCY = "usd";

export type PlanLimits = {
  readonly boards: number;
  readonly problemsPerMonth: number;
  /** Workspace members. Team: bounded by paid seats, see `getSeatLimit`. */
  readonly seats: number;
  readonly apiRequestsPerMonth: number;
  readonly apiRatePerMinute: number;
  readonly webhookEndpoints: number;
  /** How long audit log entries are kept and shown; 0 = no audit log. */
  readonly auditLogDays: number;
  readonly auditLogExport: boolean;
  readonly sso: boolean;
  /** Attachment storage per workspace, in bytes (1 MB = 1024 × 1024 bytes). */
  readonly storageBytes: number;
};

const MB = 1024 * 1024;
const GB = 1024 * MB;

export type Plan = {
  readonly id: PlanId;
  readonly name: string;
  readonly tagline: string;
  /**
   * Price per billing interval in cents (per seat when `perSeat`). `null` = custom pricing
   * agreed with sales; such a plan cannot be bought through checkout.
   */
  readonly prices: Readonly<Record<BillingInterval, number>> | null;
  /** Stripe price `lookup_key` per interval; `null` when there is nothing to check out. */
  readonly lookupKeys: Readonly<Record<BillingInterval, string>> | null;
  /** Free trial on first checkout, in days; 0 = no trial. */
  readonly trialDays: number;
  /** Billed per seat (subscription quantity = seats). */
  readonly perSeat: boolean;
  /** Smallest subscription quantity accepted. */
  readonly minSeats: number;
  /** Sold through sales: price and most limits are set per contract. */
  readonly salesLed: boolean;
  readonly limits: PlanLimits;
};

export const PLANS: Readonly<Record<PlanId, Plan>> = {
  free: {
    id: "free",
    name: "Free",
    tagline: "One board to start hearing from your customers.",
    prices: { monthly: 0, yearly: 0 },
    lookupKeys: null,
    trialDays: 0,
    perSeat: false,
    minSeats: 1,
    salesLed: false,
    limits: {
      boards: 1,
      problemsPerMonth: 100,
      seats: 2,
      apiRequestsPerMonth: 0,
      apiRatePerMinute: 0,
      webhookEndpoints: 0,
      auditLogDays: 0,
      auditLogExport: false,
      sso: false,
      storageBytes: 100 * MB,
    },
  },
  pro: {
    id: "pro",
    name: "Pro",
    tagline: "For a product team running several boards, with a few teammates and an audit log.",
    prices: { monthly: 29_00, yearly: 290_00 },
    lookupKeys: { monthly: "pro_monthly", yearly: "pro_yearly" },
    trialDays: 14,
    perSeat: false,
    minSeats: 1,
    salesLed: false,
    limits: {
      boards: 5,
      problemsPerMonth: 2_000,
      seats: 5,
      apiRequestsPerMonth: 50_000,
      apiRatePerMinute: 60,
      webhookEndpoints: 2,
      auditLogDays: 30,
      auditLogExport: false,
      sso: false,
      storageBytes: 5 * GB,
    },
  },
  team: {
    id: "team",
    name: "Team",
    tagline: "For growing organizations: unlimited boards and a seat for everyone who triages.",
    prices: { monthly: 12_00, yearly: 120_00 },
    lookupKeys: { monthly: "team_monthly", yearly: "team_yearly" },
    trialDays: 14,
    perSeat: true,
    minSeats: 3,
    salesLed: false,
    limits: {
      boards: Infinity,
      problemsPerMonth: 20_000,
      seats: Infinity,
      apiRequestsPerMonth: 500_000,
      apiRatePerMinute: 600,
      webhookEndpoints: 20,
      auditLogDays: 365,
      auditLogExport: true,
      sso: false,
      storageBytes: 50 * GB,
    },
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    tagline: "Custom limits, terms and invoicing for companies with procurement requirements.",
    prices: null,
    lookupKeys: null,
    trialDays: 0,
    perSeat: false,
    minSeats: 1,
    salesLed: true,
    limits: {
      boards: Infinity,
      problemsPerMonth: Infinity,
      seats: Infinity,
      apiRequestsPerMonth: Infinity,
      apiRatePerMinute: Infinity,
      webhookEndpoints: Infinity,
      auditLogDays: Infinity,
      auditLogExport: true,
      sso: true,
      storageBytes: Infinity,
    },
  },
};

export function getPlan(id: PlanId): Plan {
  return PLANS[id];
}

/** All plans in display order (cheapest first). */
export function listPlans(): Plan[] {
  return PLAN_IDS.map(getPlan);
}

export function isPlanId(value: unknown): value is PlanId {
  return planIdSchema.safeParse(value).success;
}

/**
 * How many members a workspace on `plan` may have. Per-seat plans are capped by the seats paid
 * for (never fewer than the plan's minimum); other plans by their `limits.seats`.
 */
export function getSeatLimit(plan: Plan, paidSeats: number): number {
  if (!plan.perSeat) return plan.limits.seats;
  return Math.max(plan.minSeats, Math.floor(paidSeats));
}

/**
 * Format an amount in the currency's smallest unit: `formatPrice(2900)` → "$29",
 * `formatPrice(1250)` → "$12.50". Whole amounts drop the decimals.
 */
export function formatPrice(cents: number, currency: string = PLAN_CURRENCY): string {
  const code = currency.toUpperCase();
  const minorDigits =
    new Intl.NumberFormat("en-US", { style: "currency", currency: code }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  const amount = cents / 10 ** minorDigits;
  const digits = Number.isInteger(amount) ? 0 : minorDigits;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

const INTERVAL_UNIT: Record<BillingInterval, string> = { monthly: "month", yearly: "year" };

/** "$29 / month", "$12 per seat / month", "$0", or "Custom" for sales-led plans. */
export function formatPlanPrice(plan: Plan, interval: BillingInterval): string {
  if (plan.prices === null) return "Custom";
  const amount = plan.prices[interval];
  if (amount === 0) return formatPrice(0);
  const unit = INTERVAL_UNIT[interval];
  return plan.perSeat
    ? `${formatPrice(amount)} per seat / ${unit}`
    : `${formatPrice(amount)} / ${unit}`;
}

/** Bytes for people: 104857600 → "100 MB", 5368709120 → "5 GB", 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = unit === 0 ? value : Math.round(value * 10) / 10;
  return `${numberFormat.format(rounded)} ${units[unit]}`;
}

/** Shown where a plan does not include a feature. */
export const NOT_INCLUDED = "—";

const numberFormat = new Intl.NumberFormat("en-US");

/** A numeric limit for display: 0 → "—", Infinity → "Unlimited" (or "Custom" when negotiable). */
function formatLimit(
  plan: Plan,
  value: number,
  { negotiable = false, suffix = "" }: { negotiable?: boolean; suffix?: string } = {},
): string {
  if (value === 0) return NOT_INCLUDED;
  if (value === Infinity) return negotiable && plan.salesLed ? "Custom" : "Unlimited";
  return `${numberFormat.format(value)}${suffix}`;
}

function formatAuditLog(plan: Plan): string {
  const { auditLogDays: days, auditLogExport: canExport } = plan.limits;
  if (days === 0) return NOT_INCLUDED;
  let retention: string;
  if (days === Infinity) retention = plan.salesLed ? "Custom" : "Unlimited";
  else if (days % 365 === 0) retention = days === 365 ? "1 year" : `${days / 365} years`;
  else retention = `${days} days`;
  return canExport && isLive("auditLogExport") ? `${retention} + export` : retention;
}

export type PlanFeatureRow = {
  readonly key: string;
  readonly label: string;
  /**
   * The capability the row sells, when it is more than a limit on what every plan has. Pages show
   * a row whose capability is not live as "coming soon" (lib/content/features.ts).
   */
  readonly capability?: CapabilityId;
  readonly value: (plan: Plan) => string;
};

/** The rows of the plan comparison table, in display order. */
export const PLAN_FEATURE_ROWS: readonly PlanFeatureRow[] = [
  {
    key: "boards",
    label: "Boards",
    value: (plan) => formatLimit(plan, plan.limits.boards),
  },
  {
    key: "problemsPerMonth",
    label: "New problems / month",
    value: (plan) => formatLimit(plan, plan.limits.problemsPerMonth, { negotiable: true }),
  },
  {
    key: "seats",
    label: "Seats (members)",
    value: (plan) =>
      plan.perSeat
        ? `Per paid seat (min. ${plan.minSeats})`
        : formatLimit(plan, plan.limits.seats, { negotiable: true }),
  },
  {
    key: "apiRequestsPerMonth",
    capability: "restApi",
    label: "API requests / month",
    value: (plan) => formatLimit(plan, plan.limits.apiRequestsPerMonth, { negotiable: true }),
  },
  {
    key: "apiRatePerMinute",
    capability: "restApi",
    label: "API rate limit",
    value: (plan) =>
      formatLimit(plan, plan.limits.apiRatePerMinute, { negotiable: true, suffix: " / min" }),
  },
  {
    key: "webhookEndpoints",
    capability: "webhooks",
    label: "Outgoing webhook endpoints",
    value: (plan) => formatLimit(plan, plan.limits.webhookEndpoints),
  },
  {
    key: "auditLog",
    capability: "auditLog",
    label: "Audit log",
    value: formatAuditLog,
  },
  {
    key: "sso",
    capability: "sso",
    label: "SSO (SAML / OIDC), enforced SSO",
    value: (plan) => (plan.limits.sso ? "Included" : NOT_INCLUDED),
  },
  {
    key: "storageBytes",
    label: "Attachment storage",
    value: (plan) =>
      plan.limits.storageBytes === Infinity
        ? plan.salesLed
          ? "Custom"
          : "Unlimited"
        : formatBytes(plan.limits.storageBytes),
  },
  {
    key: "trial",
    label: "Free trial",
    value: (plan) => (plan.trialDays > 0 ? `${plan.trialDays} days` : NOT_INCLUDED),
  },
];

/**
 * The Stripe price `lookup_key` for a plan and interval (`pro_monthly`), or `null` when the plan
 * cannot be bought through checkout (Free, Enterprise).
 */
export function priceLookupKeyFor(planId: PlanId, interval: BillingInterval): string | null {
  return PLANS[planId].lookupKeys?.[interval] ?? null;
}

/**
 * Which plan and interval a Stripe price `lookup_key` stands for, or `null` for a key the catalog
 * does not know (a price created by hand in the Dashboard, a retired key).
 */
export function planForLookupKey(
  lookupKey: string,
): { planId: PlanId; interval: BillingInterval } | null {
  for (const planId of PLAN_IDS) {
    for (const interval of BILLING_INTERVALS) {
      if (PLANS[planId].lookupKeys?.[interval] === lookupKey) return { planId, interval };
    }
  }
  return null;
}
