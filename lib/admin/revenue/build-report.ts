import { FLOW_COLUMNS, type DayFlows } from "./flows";

/**
 * The revenue report as a pure function of daily flows and activity days, so the dashboard
 * (reading the rollups) and the direct computation (reading the history) build it the same way.
 * Months are UTC calendar months; the last one is the month of `asOf`, to date.
 */

export type Flows = Omit<DayFlows, "plans">;

export interface ActivityPoint {
  day: string;
  signups: number;
  weeklyActiveUsers: number;
  weeklyActiveWorkspaces: number;
}

export interface MonthRow {
  /** `YYYY-MM`. */
  month: string;
  /** The month of `asOf`: figures to date. */
  partial: boolean;
  mrrStartCents: number;
  newCents: number;
  expansionCents: number;
  contractionCents: number;
  churnCents: number;
  reactivationCents: number;
  netNewCents: number;
  mrrEndCents: number;
  arrEndCents: number;
  customersStart: number;
  newCustomers: number;
  reactivatedCustomers: number;
  churnedCustomers: number;
  customersEnd: number;
  /** Churned customers ÷ paying customers at the start; null without any. */
  logoChurnRate: number | null;
  /** (Churned + contraction MRR) ÷ MRR at the start. */
  revenueChurnRate: number | null;
  /** (MRR at start + expansion − contraction − churn) ÷ MRR at start. */
  nrr: number | null;
  /** (MRR at start − contraction − churn) ÷ MRR at start. */
  grr: number | null;
  /** MRR at the end ÷ paying customers at the end. */
  arpaCents: number | null;
  trialsStarted: number;
  trialsConverted: number;
  trialsExpired: number;
  /** Converted ÷ (converted + expired), of the trials that ended in the month. */
  trialConversion: number | null;
  signups: number;
  /** On the month's last day (or the latest day computed). */
  weeklyActiveUsers: number | null;
  weeklyActiveWorkspaces: number | null;
}

export interface PlanRow {
  planId: string;
  customers: number;
  mrrCents: number;
}

export interface RevenueReport {
  asOf: Date;
  mrrCents: number;
  arrCents: number;
  customers: number;
  arpaCents: number | null;
  plans: PlanRow[];
  /** Twelve months, oldest first, ending with the month of `asOf`. */
  months: MonthRow[];
  /** The last complete month (for the headline rates). */
  lastComplete: MonthRow;
  /** Latest activity day computed, if any. */
  activity: ActivityPoint | null;
}

export const MONTHS_SHOWN = 12;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** `YYYY-MM` of the month `offset` months from the one `day` is in. */
export function monthOf(day: string, offset = 0): string {
  const [year, month] = day.split("-").map(Number) as [number, number];
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function emptyTotals(): Flows {
  return Object.fromEntries(FLOW_COLUMNS.map((column) => [column, 0])) as Flows;
}

export function buildReport(input: {
  asOf: Date;
  /** Daily flows, any order; days after `asOf` are ignored. */
  days: (Flows & { day: string })[];
  /** Paying customers and MRR per plan as of `asOf` (running sums of the plan flows). */
  plans: PlanRow[];
  activity: ActivityPoint[];
}): RevenueReport {
  const asOfDay = input.asOf.toISOString().slice(0, 10);
  const thisMonth = monthOf(asOfDay);
  const firstMonth = monthOf(asOfDay, -(MONTHS_SHOWN - 1));
  const days = input.days.filter((d) => d.day <= asOfDay).sort((a, b) => (a.day < b.day ? -1 : 1));

  // MRR and customers at the start of the window: every flow before it.
  let mrr = 0;
  let customers = 0;
  const byMonth = new Map<string, Flows>();
  for (const d of days) {
    const month = d.day.slice(0, 7);
    if (month < firstMonth) {
      mrr +=
        d.newCents + d.expansionCents + d.reactivationCents - d.contractionCents - d.churnCents;
      customers += d.newCustomers + d.reactivatedCustomers - d.churnedCustomers;
      continue;
    }
    const totals = byMonth.get(month) ?? emptyTotals();
    for (const column of FLOW_COLUMNS) totals[column] += d[column];
    byMonth.set(month, totals);
  }

  const activity = [...input.activity]
    .filter((a) => a.day <= asOfDay)
    .sort((a, b) => (a.day < b.day ? -1 : 1));

  const months: MonthRow[] = [];
  for (let offset = -(MONTHS_SHOWN - 1); offset <= 0; offset += 1) {
    const month = monthOf(asOfDay, offset);
    const f = byMonth.get(month) ?? emptyTotals();
    const mrrStartCents = mrr;
    const customersStart = customers;
    const netNewCents =
      f.newCents + f.expansionCents + f.reactivationCents - f.contractionCents - f.churnCents;
    mrr += netNewCents;
    customers += f.newCustomers + f.reactivatedCustomers - f.churnedCustomers;
    const monthActivity = activity.filter((a) => a.day.startsWith(month));
    const lastActivity = monthActivity[monthActivity.length - 1];
    months.push({
      month,
      partial: month === thisMonth,
      mrrStartCents,
      newCents: f.newCents,
      expansionCents: f.expansionCents,
      contractionCents: f.contractionCents,
      churnCents: f.churnCents,
      reactivationCents: f.reactivationCents,
      netNewCents,
      mrrEndCents: mrr,
      arrEndCents: mrr * 12,
      customersStart,
      newCustomers: f.newCustomers,
      reactivatedCustomers: f.reactivatedCustomers,
      churnedCustomers: f.churnedCustomers,
      customersEnd: customers,
      logoChurnRate: ratio(f.churnedCustomers, customersStart),
      revenueChurnRate: ratio(f.churnCents + f.contractionCents, mrrStartCents),
      nrr: ratio(
        mrrStartCents + f.expansionCents - f.contractionCents - f.churnCents,
        mrrStartCents,
      ),
      grr: ratio(mrrStartCents - f.contractionCents - f.churnCents, mrrStartCents),
      arpaCents: customers > 0 ? Math.round(mrr / customers) : null,
      trialsStarted: f.trialsStarted,
      trialsConverted: f.trialsConverted,
      trialsExpired: f.trialsExpired,
      trialConversion: ratio(f.trialsConverted, f.trialsConverted + f.trialsExpired),
      signups: monthActivity.reduce((sum, a) => sum + a.signups, 0),
      weeklyActiveUsers: lastActivity?.weeklyActiveUsers ?? null,
      weeklyActiveWorkspaces: lastActivity?.weeklyActiveWorkspaces ?? null,
    });
  }
  const current = months[months.length - 1]!;
  return {
    asOf: input.asOf,
    mrrCents: current.mrrEndCents,
    arrCents: current.arrEndCents,
    customers: current.customersEnd,
    arpaCents: current.arpaCents,
    plans: input.plans
      .filter((p) => p.customers !== 0 || p.mrrCents !== 0)
      .sort((a, b) => b.mrrCents - a.mrrCents || (a.planId < b.planId ? -1 : 1)),
    months,
    lastComplete: months[months.length - 2]!,
    activity: activity[activity.length - 1] ?? null,
  };
}
