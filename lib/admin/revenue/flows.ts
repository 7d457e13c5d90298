import { movementOf } from "@/lib/billing/derive-history";

/**
 * What each subscription history row changed, as additive daily flows (pure). The dashboard,
 * the rollups and the direct computation all read history rows through this one function, so
 * they count the same way:
 *
 * - MRR is `mrr_cents` (the list amount × seats while `active` or `past_due`, a twelfth of it
 *   for yearly prices). A row moves MRR by its MRR minus the row before's (of the same
 *   workspace), classified as new (first revenue ever), reactivation (revenue again after
 *   having had some), expansion, contraction or churn (to 0).
 * - A paying customer is a workspace whose latest row has MRR > 0.
 * - A trial starts when a row is `trialing` and the row before was not; it converts when the
 *   next row after `trialing` has MRR > 0, and expires when it has none and is no longer
 *   `trialing`.
 */

export interface HistoryPoint {
  workspaceId: string;
  effectiveAt: Date;
  planId: string;
  status: string;
  mrrCents: number;
}

export interface DayFlows {
  newCents: number;
  expansionCents: number;
  contractionCents: number;
  churnCents: number;
  reactivationCents: number;
  newCustomers: number;
  reactivatedCustomers: number;
  churnedCustomers: number;
  trialsStarted: number;
  trialsConverted: number;
  trialsExpired: number;
  /** plan id → paying customers and MRR gained minus lost. */
  plans: Map<string, { customers: number; mrrCents: number }>;
}

export const FLOW_COLUMNS = [
  "newCents",
  "expansionCents",
  "contractionCents",
  "churnCents",
  "reactivationCents",
  "newCustomers",
  "reactivatedCustomers",
  "churnedCustomers",
  "trialsStarted",
  "trialsConverted",
  "trialsExpired",
] as const satisfies readonly (keyof DayFlows)[];

export type FlowColumn = (typeof FLOW_COLUMNS)[number];

export function emptyFlows(): DayFlows {
  return {
    newCents: 0,
    expansionCents: 0,
    contractionCents: 0,
    churnCents: 0,
    reactivationCents: 0,
    newCustomers: 0,
    reactivatedCustomers: 0,
    churnedCustomers: 0,
    trialsStarted: 0,
    trialsConverted: 0,
    trialsExpired: 0,
    plans: new Map(),
  };
}

/** The UTC day (`YYYY-MM-DD`) a moment falls on. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

function addPlan(flows: DayFlows, planId: string, customers: number, mrrCents: number) {
  const current = flows.plans.get(planId) ?? { customers: 0, mrrCents: 0 };
  current.customers += customers;
  current.mrrCents += mrrCents;
  if (current.customers === 0 && current.mrrCents === 0) flows.plans.delete(planId);
  else flows.plans.set(planId, current);
}

/**
 * Folds history rows into daily flows. Rows must come in each workspace's history order
 * (effective_at, recorded_at, id); workspaces may interleave.
 */
export class FlowAccumulator {
  readonly days = new Map<string, DayFlows>();
  private readonly last = new Map<string, { point: HistoryPoint; hadRevenue: boolean }>();

  add(point: HistoryPoint) {
    const before = this.last.get(point.workspaceId);
    const previous = before?.point;
    const previousMrr = previous?.mrrCents ?? 0;
    const previousStatus = previous?.status ?? "none";
    const day = dayOf(point.effectiveAt);
    const flows = this.days.get(day) ?? emptyFlows();
    this.days.set(day, flows);

    const delta = point.mrrCents - previousMrr;
    switch (movementOf(previousMrr, point.mrrCents, before?.hadRevenue ?? false)) {
      case "new":
        flows.newCents += delta;
        flows.newCustomers += 1;
        break;
      case "reactivation":
        flows.reactivationCents += delta;
        flows.reactivatedCustomers += 1;
        break;
      case "churn":
        flows.churnCents += -delta;
        flows.churnedCustomers += 1;
        break;
      case "expansion":
        flows.expansionCents += delta;
        break;
      case "contraction":
        flows.contractionCents += -delta;
        break;
      case "none":
        break;
    }
    if (previous && previousMrr > 0) addPlan(flows, previous.planId, -1, -previousMrr);
    if (point.mrrCents > 0) addPlan(flows, point.planId, 1, point.mrrCents);

    if (point.status === "trialing" && previousStatus !== "trialing") flows.trialsStarted += 1;
    if (previousStatus === "trialing" && point.status !== "trialing") {
      if (point.mrrCents > 0) flows.trialsConverted += 1;
      else flows.trialsExpired += 1;
    }

    this.last.set(point.workspaceId, {
      point,
      hadRevenue: (before?.hadRevenue ?? false) || point.mrrCents > 0,
    });
  }
}

/** The flows one workspace's rows (in history order) contribute, per day. */
export function flowsOf(rows: HistoryPoint[]): Map<string, DayFlows> {
  const accumulator = new FlowAccumulator();
  for (const row of rows) accumulator.add(row);
  return accumulator.days;
}

/** `after − before`, per day; days where nothing differs are left out. */
export function subtractFlows(
  after: Map<string, DayFlows>,
  before: Map<string, DayFlows>,
): Map<string, DayFlows> {
  const result = new Map<string, DayFlows>();
  for (const day of new Set([...after.keys(), ...before.keys()])) {
    const a = after.get(day) ?? emptyFlows();
    const b = before.get(day) ?? emptyFlows();
    const diff = emptyFlows();
    for (const column of FLOW_COLUMNS) diff[column] = a[column] - b[column];
    for (const plan of new Set([...a.plans.keys(), ...b.plans.keys()])) {
      const pa = a.plans.get(plan) ?? { customers: 0, mrrCents: 0 };
      const pb = b.plans.get(plan) ?? { customers: 0, mrrCents: 0 };
      addPlan(diff, plan, pa.customers - pb.customers, pa.mrrCents - pb.mrrCents);
    }
    if (FLOW_COLUMNS.some((column) => diff[column] !== 0) || diff.plans.size > 0) {
      result.set(day, diff);
    }
  }
  return result;
}
