import { describe, expect, it } from "vitest";
import {
  NOT_INCLUDED,
  PLAN_FEATURE_ROWS,
  PLAN_IDS,
  PLANS,
  formatBytes,
  formatPlanPrice,
  formatPrice,
  getPlan,
  getSeatLimit,
  isPlanId,
  listPlans,
  planForLookupKey,
  priceLookupKeyFor,
  type Plan,
} from "@/lib/billing/plans";
import { isLive } from "@/lib/content/features";

// The table in DESIGN.md §1 "Plans", as the comparison page should show it.
const DESIGN_TABLE: Record<string, [string, string, string, string]> = {
  Boards: ["1", "5", "Unlimited", "Unlimited"],
  "New problems / month": ["100", "2,000", "20,000", "Custom"],
  "Seats (members)": ["2", "5", "Per paid seat (min. 3)", "Custom"],
  "API requests / month": [NOT_INCLUDED, "50,000", "500,000", "Custom"],
  "API rate limit": [NOT_INCLUDED, "60 / min", "600 / min", "Custom"],
  "Outgoing webhook endpoints": [NOT_INCLUDED, "2", "20", "Unlimited"],
  // "+ export" only once audit log export is live (lib/content/features.ts).
  "Audit log": isLive("auditLogExport")
    ? [NOT_INCLUDED, "30 days", "1 year + export", "Custom + export"]
    : [NOT_INCLUDED, "30 days", "1 year", "Custom"],
  "SSO (SAML / OIDC), enforced SSO": [NOT_INCLUDED, NOT_INCLUDED, NOT_INCLUDED, "Included"],
  // Issue #17: attachment storage per plan.
  "Attachment storage": ["100 MB", "5 GB", "50 GB", "Custom"],
  "Free trial": [NOT_INCLUDED, "14 days", "14 days", NOT_INCLUDED],
};

describe("plan catalog", () => {
  it("lists free, pro, team and enterprise in order", () => {
    expect(PLAN_IDS).toEqual(["free", "pro", "team", "enterprise"]);
    expect(listPlans().map((plan) => plan.name)).toEqual(["Free", "Pro", "Team", "Enterprise"]);
    for (const id of PLAN_IDS) expect(getPlan(id).id).toBe(id);
  });

  it("prices plans as DESIGN says", () => {
    expect(PLANS.free.prices).toEqual({ monthly: 0, yearly: 0 });
    expect(PLANS.pro.prices).toEqual({ monthly: 2900, yearly: 29000 });
    expect(PLANS.team.prices).toEqual({ monthly: 1200, yearly: 12000 });
    expect(PLANS.enterprise.prices).toBeNull();

    expect(PLANS.team.perSeat).toBe(true);
    expect(PLANS.team.minSeats).toBe(3);
    expect(PLANS.pro.perSeat).toBe(false);

    // Yearly billing is ten months' price for every self-serve paid plan.
    for (const plan of [PLANS.pro, PLANS.team]) {
      expect(plan.prices?.yearly).toBe((plan.prices?.monthly ?? NaN) * 10);
    }
  });

  it("offers a 14-day trial on Pro and Team only", () => {
    expect(listPlans().map((plan) => plan.trialDays)).toEqual([0, 14, 14, 0]);
  });

  it("names Stripe prices by lookup key for the plans sold through checkout", () => {
    expect(PLANS.pro.lookupKeys).toEqual({ monthly: "pro_monthly", yearly: "pro_yearly" });
    expect(PLANS.team.lookupKeys).toEqual({ monthly: "team_monthly", yearly: "team_yearly" });
    expect(PLANS.free.lookupKeys).toBeNull();
    expect(PLANS.enterprise.lookupKeys).toBeNull();
  });

  it("sets the limits from the DESIGN table", () => {
    const column = (pick: (plan: Plan) => number | boolean) => listPlans().map(pick);
    expect(column((p) => p.limits.boards)).toEqual([1, 5, Infinity, Infinity]);
    expect(column((p) => p.limits.problemsPerMonth)).toEqual([100, 2000, 20000, Infinity]);
    expect(column((p) => p.limits.seats)).toEqual([2, 5, Infinity, Infinity]);
    expect(column((p) => p.limits.apiRequestsPerMonth)).toEqual([0, 50000, 500000, Infinity]);
    expect(column((p) => p.limits.apiRatePerMinute)).toEqual([0, 60, 600, Infinity]);
    expect(column((p) => p.limits.webhookEndpoints)).toEqual([0, 2, 20, Infinity]);
    expect(column((p) => p.limits.auditLogDays)).toEqual([0, 30, 365, Infinity]);
    expect(column((p) => p.limits.auditLogExport)).toEqual([false, false, true, true]);
    expect(column((p) => p.limits.sso)).toEqual([false, false, false, true]);
    const MB = 1024 * 1024;
    expect(column((p) => p.limits.storageBytes)).toEqual([
      100 * MB,
      5 * 1024 * MB,
      50 * 1024 * MB,
      Infinity,
    ]);
  });

  it("formats byte counts for people", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(100 * 1024 * 1024)).toBe("100 MB");
    expect(formatBytes(5 * 1024 ** 3)).toBe("5 GB");
  });

  it("caps Team members at the seats paid for, never below the minimum", () => {
    expect(getSeatLimit(PLANS.team, 7)).toBe(7);
    expect(getSeatLimit(PLANS.team, 1)).toBe(3);
    expect(getSeatLimit(PLANS.pro, 40)).toBe(5);
    expect(getSeatLimit(PLANS.free, 40)).toBe(2);
  });

  it("recognises plan ids and nothing else", () => {
    expect(isPlanId("team")).toBe(true);
    expect(isPlanId("Team")).toBe(false);
    expect(isPlanId("__proto__")).toBe(false);
    expect(isPlanId(undefined)).toBe(false);
  });
});

describe("formatPrice", () => {
  it("formats whole dollar amounts without cents", () => {
    expect(formatPrice(2900)).toBe("$29");
    expect(formatPrice(29000)).toBe("$290");
    expect(formatPrice(1200)).toBe("$12");
    expect(formatPrice(0)).toBe("$0");
    expect(formatPrice(120000)).toBe("$1,200");
  });

  it("keeps cents when there are any", () => {
    expect(formatPrice(1250)).toBe("$12.50");
    expect(formatPrice(2417)).toBe("$24.17");
  });

  it("formats other currencies by their own minor unit", () => {
    expect(formatPrice(2900, "eur")).toBe("€29");
    expect(formatPrice(500, "jpy")).toBe("¥500");
  });

  it("describes a plan's price for an interval", () => {
    expect(formatPlanPrice(PLANS.pro, "monthly")).toBe("$29 / month");
    expect(formatPlanPrice(PLANS.pro, "yearly")).toBe("$290 / year");
    expect(formatPlanPrice(PLANS.team, "monthly")).toBe("$12 per seat / month");
    expect(formatPlanPrice(PLANS.team, "yearly")).toBe("$120 per seat / year");
    expect(formatPlanPrice(PLANS.free, "yearly")).toBe("$0");
    expect(formatPlanPrice(PLANS.enterprise, "monthly")).toBe("Custom");
  });
});

describe("PLAN_FEATURE_ROWS", () => {
  it("renders the comparison table exactly as DESIGN's plan table", () => {
    const rendered = Object.fromEntries(
      PLAN_FEATURE_ROWS.map((row) => [row.label, listPlans().map((plan) => row.value(plan))]),
    );
    expect(rendered).toEqual(DESIGN_TABLE);
  });

  it("has unique keys", () => {
    const keys = PLAN_FEATURE_ROWS.map((row) => row.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("price lookup keys", () => {
  it("names the Stripe price of each purchasable plan and interval", () => {
    expect(priceLookupKeyFor("pro", "monthly")).toBe("pro_monthly");
    expect(priceLookupKeyFor("pro", "yearly")).toBe("pro_yearly");
    expect(priceLookupKeyFor("team", "monthly")).toBe("team_monthly");
    expect(priceLookupKeyFor("team", "yearly")).toBe("team_yearly");
  });

  it("has no price for plans that are not bought through checkout", () => {
    expect(priceLookupKeyFor("free", "monthly")).toBeNull();
    expect(priceLookupKeyFor("enterprise", "yearly")).toBeNull();
  });

  it("maps every lookup key back to its plan and interval", () => {
    for (const planId of PLAN_IDS) {
      for (const interval of ["monthly", "yearly"] as const) {
        const key = priceLookupKeyFor(planId, interval);
        if (key) expect(planForLookupKey(key)).toEqual({ planId, interval });
      }
    }
    expect(planForLookupKey("team_yearly")).toEqual({ planId: "team", interval: "yearly" });
  });

  it("does not recognise keys outside the catalog", () => {
    expect(planForLookupKey("pro_weekly")).toBeNull();
    expect(planForLookupKey("")).toBeNull();
    expect(planForLookupKey("__proto__")).toBeNull();
    expect(planForLookupKey("PRO_MONTHLY")).toBeNull();
  });
});
