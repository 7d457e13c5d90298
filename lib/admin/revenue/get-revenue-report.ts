import { asc, lte, sql } from "drizzle-orm";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { activityDaily, revenueDaily, revenueDailyPlans } from "@/lib/db/schema";
import type { AdminPrincipal } from "../require-platform-admin";
import { buildReport, monthOf, MONTHS_SHOWN, type RevenueReport } from "./build-report";
import { dayOf } from "./flows";

/**
 * The revenue dashboard's numbers, from the rollups only (never Stripe, never the history):
 * three queries, each O(days) — the daily flows, the per-plan sums, and the activity days of
 * the months shown. Only a platform admin gets here (the caller passes the checked principal).
 */
export async function getRevenueReport(
  _admin: AdminPrincipal,
  options: { asOf?: Date } = {},
): Promise<RevenueReport> {
  return readRevenueRollups(options);
}

/** The report from the rollups, unguarded: for the console (above) and the CLI's `--check`. */
export async function readRevenueRollups({
  asOf = clockNow(),
}: { asOf?: Date } = {}): Promise<RevenueReport> {
  const asOfDay = dayOf(asOf);
  const firstDay = `${monthOf(asOfDay, -(MONTHS_SHOWN - 1))}-01`;
  const [days, plans, activity] = await Promise.all([
    db
      .select()
      .from(revenueDaily)
      .where(lte(revenueDaily.day, asOfDay))
      .orderBy(asc(revenueDaily.day)),
    db
      .select({
        planId: revenueDailyPlans.planId,
        customers: sql<number>`coalesce(sum(${revenueDailyPlans.customers}), 0)::int`,
        mrrCents: sql<number>`coalesce(sum(${revenueDailyPlans.mrrCents}), 0)::bigint`,
      })
      .from(revenueDailyPlans)
      .where(lte(revenueDailyPlans.day, asOfDay))
      .groupBy(revenueDailyPlans.planId),
    db
      .select()
      .from(activityDaily)
      .where(sql`${activityDaily.day} between ${firstDay} and ${asOfDay}`)
      .orderBy(asc(activityDaily.day)),
  ]);
  return buildReport({
    asOf,
    days,
    plans: plans.map((p) => ({
      ...p,
      customers: Number(p.customers),
      mrrCents: Number(p.mrrCents),
    })),
    activity,
  });
}
