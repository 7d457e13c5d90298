import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { activityDaily } from "@/lib/db/schema";
import { buildReport, type RevenueReport } from "./build-report";
import { FLOW_COLUMNS, type DayFlows } from "./flows";
import { foldHistory } from "./rollups";

/**
 * The same report computed straight from the whole subscription history, without the rollups:
 * O(history rows). For checking the rollups (tests, `npm run revenue:rebuild -- --check`), not
 * for the dashboard.
 */
export async function computeRevenueDirect({
  asOf = clockNow(),
}: { asOf?: Date } = {}): Promise<RevenueReport> {
  const flows = await foldHistory(db);
  const asOfDay = asOf.toISOString().slice(0, 10);
  const plans = new Map<string, { customers: number; mrrCents: number }>();
  for (const [day, f] of flows) {
    if (day > asOfDay) continue;
    for (const [planId, p] of f.plans) {
      const total = plans.get(planId) ?? { customers: 0, mrrCents: 0 };
      total.customers += p.customers;
      total.mrrCents += p.mrrCents;
      plans.set(planId, total);
    }
  }
  const activity = await db.select().from(activityDaily);
  return buildReport({
    asOf,
    days: [...flows].map(([day, f]) => ({ day, ...pick(f) })),
    plans: [...plans].map(([planId, p]) => ({ planId, ...p })),
    activity,
  });
}

function pick(f: DayFlows) {
  return Object.fromEntries(FLOW_COLUMNS.map((column) => [column, f[column]])) as Omit<
    DayFlows,
    "plans"
  >;
}
