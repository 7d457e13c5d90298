import { describe, expect, it } from "vitest";
import { monthOf } from "@/lib/admin/revenue/build-report";
import { flowsOf, subtractFlows, type HistoryPoint } from "@/lib/admin/revenue/flows";

// The per-row flows the revenue rollups add up. Times relative to now, never a literal date.
const T0 = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1, 12);
const DAY = 86_400_000;
const row = (day: number, planId: string, status: string, mrrCents: number): HistoryPoint => ({
  workspaceId: "ws_1",
  effectiveAt: new Date(T0 + day * DAY),
  planId,
  status,
  mrrCents,
});
const dayKey = (day: number) => new Date(T0 + day * DAY).toISOString().slice(0, 10);

describe("revenue flows", () => {
  it("classifies each row against the workspace's previous one", () => {
    const flows = flowsOf([
      row(0, "pro", "trialing", 0),
      row(1, "pro", "active", 2900),
      row(2, "team", "active", 3600),
      row(3, "team", "active", 2400),
      row(4, "team", "canceled", 0),
      row(5, "pro", "active", 2900),
    ]);
    expect(flows.get(dayKey(0))).toMatchObject({ trialsStarted: 1, newCents: 0 });
    expect(flows.get(dayKey(1))).toMatchObject({
      newCents: 2900,
      newCustomers: 1,
      trialsConverted: 1,
    });
    expect(flows.get(dayKey(2))).toMatchObject({ expansionCents: 700 });
    expect([...flows.get(dayKey(2))!.plans]).toEqual([
      ["pro", { customers: -1, mrrCents: -2900 }],
      ["team", { customers: 1, mrrCents: 3600 }],
    ]);
    expect(flows.get(dayKey(3))).toMatchObject({ contractionCents: 1200 });
    expect(flows.get(dayKey(4))).toMatchObject({ churnCents: 2400, churnedCustomers: 1 });
    // Revenue again after having had some is a reactivation, not new.
    expect(flows.get(dayKey(5))).toMatchObject({
      reactivationCents: 2900,
      reactivatedCustomers: 1,
      newCents: 0,
    });
  });

  it("counts a trial that ends without paying as expired", () => {
    const flows = flowsOf([row(0, "team", "trialing", 0), row(14, "team", "canceled", 0)]);
    expect(flows.get(dayKey(14))).toMatchObject({ trialsExpired: 1, trialsConverted: 0 });
  });

  it("gives the difference two histories make, leaving out days that do not differ", () => {
    const before = flowsOf([row(0, "pro", "active", 2900), row(3, "pro", "active", 2900)]);
    const after = flowsOf([row(0, "pro", "active", 2900), row(3, "team", "active", 3600)]);
    const diff = subtractFlows(after, before);
    expect([...diff.keys()]).toEqual([dayKey(3)]);
    expect(diff.get(dayKey(3))).toMatchObject({ expansionCents: 700 });
  });

  it("steps months across year ends", () => {
    expect(monthOf("2031-01-15", -1)).toBe("2030-12");
    expect(monthOf("2031-12-01", 1)).toBe("2032-01");
    expect(monthOf("2031-03-31", -14)).toBe("2030-01");
  });
});
