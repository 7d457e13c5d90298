// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { BillingBanner } from "@/components/billing/billing-banner";
import { UsageMeters } from "@/components/billing/usage-meters";
import {
  describeBillingStatus,
  formatMeterValue,
  meterLevel,
  meterPercent,
} from "@/lib/billing/display";
import type { BillingState } from "@/lib/billing/state";

afterEach(cleanup);

describe("meter helpers", () => {
  it("turns amber from 80 % and red at the limit", () => {
    expect(meterLevel(0, 5)).toBe("normal");
    expect(meterLevel(3, 5)).toBe("normal");
    expect(meterLevel(4, 5)).toBe("warning");
    expect(meterLevel(79, 100)).toBe("normal");
    expect(meterLevel(80, 100)).toBe("warning");
    expect(meterLevel(1, 1)).toBe("full");
    // Over the limit after a downgrade.
    expect(meterLevel(3, 1)).toBe("full");
    expect(meterLevel(1_000_000, Infinity)).toBe("normal");
  });

  it("formats used against the limit", () => {
    expect(formatMeterValue(1, 5)).toBe("1 of 5");
    expect(formatMeterValue(1200, 2000)).toBe("1,200 of 2,000");
    expect(formatMeterValue(12, Infinity)).toBe("12 · Unlimited");
    expect(formatMeterValue(0, 0)).toBe("Not included");
    expect(formatMeterValue(80 * 1024 * 1024, 100 * 1024 * 1024, "bytes")).toBe("80 MB of 100 MB");
    expect(meterPercent(1, 3)).toBe(33);
    expect(meterPercent(7, 5)).toBe(100);
    expect(meterPercent(7, Infinity)).toBe(0);
  });
});

describe("billing status in words", () => {
  const base = {
    planName: "Pro",
    effectivePlanName: "Pro",
    currentPeriodEnd: "2027-03-01T00:00:00.000Z",
    trialEnd: null,
    cancelAtPeriodEnd: false,
    graceEndsAt: null,
  };

  it("says when it renews, cancels, or the trial ends", () => {
    expect(describeBillingStatus({ ...base, status: "active" }).detail).toBe(
      "Renews on March 1, 2027.",
    );
    expect(
      describeBillingStatus({ ...base, status: "active", cancelAtPeriodEnd: true }).detail,
    ).toBe("Cancels on March 1, 2027.");
    expect(
      describeBillingStatus({ ...base, status: "trialing", trialEnd: "2027-02-14T12:00:00Z" }),
    ).toMatchObject({
      label: "Trial",
      detail: "Trial ends on February 14, 2027; billing starts then.",
    });
  });

  it("gives the grace period of a past-due subscription", () => {
    expect(
      describeBillingStatus({ ...base, status: "past_due", graceEndsAt: "2027-02-08T00:00:00Z" }),
    ).toMatchObject({
      label: "Past due",
      detail: "Past due — grace until February 8, 2027. Update your card to keep Pro features.",
    });
    expect(
      describeBillingStatus({ ...base, status: "past_due", effectivePlanName: "Free" }).detail,
    ).toMatch(/grace period is over and Free limits apply/);
    expect(describeBillingStatus({ ...base, status: "none" }).label).toBe("Free");
  });
});

describe("usage meters", () => {
  it("shows progress bars with used and limit, unlimited and reset dates", () => {
    render(
      <UsageMeters
        meters={[
          { metric: "boards", label: "Boards", used: 1, limit: 1, resetsOn: null },
          {
            metric: "problems",
            label: "New problems this month",
            used: 85,
            limit: 100,
            resetsOn: "2027-03-01T00:00:00.000Z",
          },
          { metric: "seats", label: "Seats", used: 4, limit: Infinity, resetsOn: null },
          {
            metric: "apiRequests",
            label: "API requests this month",
            used: 0,
            limit: 0,
            resetsOn: "2027-03-01T00:00:00.000Z",
          },
        ]}
      />,
    );
    const bars = screen.getAllByRole("progressbar");
    expect(bars).toHaveLength(2);
    expect(screen.getByRole("progressbar", { name: "Boards" }).getAttribute("aria-valuetext")).toBe(
      "1 of 1, limit reached",
    );
    expect(
      screen
        .getByRole("progressbar", { name: "New problems this month" })
        .getAttribute("aria-valuetext"),
    ).toBe("85 of 100");
    expect(screen.getByText("4 · Unlimited")).toBeTruthy();
    expect(screen.getByText("Not included")).toBeTruthy();
    expect(screen.getAllByText("Resets on March 1, 2027")).toHaveLength(1);
    const levels = [...document.querySelectorAll("li")].map((li) => li.dataset.level);
    expect(levels).toEqual(["full", "warning", "normal", "full"]);
  });
});

describe("billing banner", () => {
  const state: BillingState = {
    workspaceId: "ws_1",
    planId: "pro",
    effectivePlanId: "pro",
    status: "active",
    interval: "monthly",
    seats: 1,
    amountCents: 2900,
    currentPeriodEnd: "2027-03-01T00:00:00.000Z",
    trialEnd: null,
    cancelAtPeriodEnd: false,
    pastDueSince: null,
    graceEndsAt: null,
    hasCustomer: true,
    hasSubscription: true,
  };

  it("warns about a failed payment with the grace deadline and a link to billing", () => {
    render(
      <BillingBanner
        state={{ ...state, status: "past_due", graceEndsAt: "2027-02-08T10:00:00.000Z" }}
        billingHref="/w/acme/billing"
      />,
    );
    expect(
      screen.getByText(
        "Your last payment failed. Update your card by February 8, 2027 to keep Pro features.",
      ),
    ).toBeTruthy();
    expect(screen.getByRole("link", { name: "Update your card" }).getAttribute("href")).toBe(
      "/w/acme/billing",
    );
  });

  it("says a recently ended plan left Free limits, and shows nothing when all is well", () => {
    const now = new Date("2027-03-05T00:00:00Z");
    const { container, rerender } = render(
      <BillingBanner state={state} billingHref="/w/acme/billing" now={now} />,
    );
    expect(container.innerHTML).toBe("");
    rerender(
      <BillingBanner
        state={{ ...state, status: "canceled", effectivePlanId: "free", hasSubscription: false }}
        billingHref="/w/acme/billing"
        now={now}
      />,
    );
    expect(
      screen.getByText(/Pro subscription has ended: this workspace is on Free limits/),
    ).toBeTruthy();
    rerender(
      <BillingBanner
        state={{ ...state, status: "canceled", effectivePlanId: "free", hasSubscription: false }}
        billingHref="/w/acme/billing"
        now={new Date("2027-06-01T00:00:00Z")}
      />,
    );
    expect(container.innerHTML).toBe("");
  });
});
