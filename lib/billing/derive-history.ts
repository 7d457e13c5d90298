import type Stripe from "stripe";
import type { HistorySource, MrrMovement, SubscriptionStatus } from "@/lib/db/schema";
import { currentSubscription, LIVE_STATUSES, mrrOf, project } from "./projection";

/**
 * The subscription history as a pure function of Stripe's own record: the subscription
 * snapshots carried by `customer.subscription.*` events (signed by Stripe, each the subscription
 * as it was when the event was created), in Stripe's time order. However late, duplicated or
 * shuffled the events arrive, the same events give the same rows; a replay of the ledger from an
 * empty database gives the identical history. What each column means: lib/db/schema/billing.ts.
 */

export interface Observation {
  eventId: string;
  type: string;
  created: Date;
  subscription: Stripe.Subscription;
  /** The fields an `updated` event changed, with their values before. */
  previousAttributes: Record<string, unknown> | null;
}

/** The columns that make a row: a row is written only when one of them changes. */
export interface HistoryIdentity {
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  planId: string;
  billingInterval: string | null;
  status: string;
  seats: number;
  amountCents: number;
  currency: string;
  cancelAtPeriodEnd: boolean;
}

/** A row this derivation does not own (an operator's, or one written before it existed). */
export interface FixedRow extends HistoryIdentity {
  source: Exclude<HistorySource, "stripe">;
  effectiveAt: Date;
  mrrCents: number;
}

export interface DerivedRow extends HistoryIdentity {
  mrrCents: number;
  previousStatus: string;
  previousMrrCents: number;
  movement: MrrMovement;
  trialEnd: Date | null;
  currentPeriodEnd: Date | null;
  canceledAt: Date | null;
  effectiveAt: Date;
  stripeEventId: string;
  reason: string;
}

const IDENTITY_KEYS = [
  "stripeCustomerId",
  "stripeSubscriptionId",
  "planId",
  "billingInterval",
  "status",
  "seats",
  "amountCents",
  "currency",
  "cancelAtPeriodEnd",
] as const satisfies readonly (keyof HistoryIdentity)[];

export function sameIdentity(a: HistoryIdentity, b: HistoryIdentity): boolean {
  return IDENTITY_KEYS.every((key) => a[key] === b[key]);
}

/** How revenue moved from the row before to this one. */
export function movementOf(previousMrr: number, mrr: number, hadRevenue: boolean): MrrMovement {
  if (previousMrr === 0 && mrr > 0) return hadRevenue ? "reactivation" : "new";
  if (previousMrr > 0 && mrr === 0) return "churn";
  if (mrr > previousMrr) return "expansion";
  if (mrr < previousMrr) return "contraction";
  return "none";
}

/** JSON with sorted keys, to compare snapshot fields whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Whether `next` is an update made to the state `before` shows (its "before" values match). */
function follows(next: Observation, before: Observation): boolean {
  const changed = next.previousAttributes;
  if (!changed || next === before) return false;
  const keys = Object.keys(changed);
  if (keys.length === 0) return false;
  const state = before.subscription as unknown as Record<string, unknown>;
  return keys.every((key) => canonical(state[key]) === canonical(changed[key]));
}

const byId = (a: Observation, b: Observation) =>
  a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;

/**
 * One subscription's state at the end of a second in which several events were created. Stripe
 * stamps events in whole seconds and delivers them in any order, so the last state is found
 * from the events themselves: a deletion ends it; otherwise it is the snapshot no update in the
 * same second starts from. Ties are broken by event id, so the choice never depends on arrival.
 */
function lastOfSecond(events: Observation[]): Observation {
  const sorted = [...events].sort(byId);
  const deleted = sorted.filter((e) => e.type === "customer.subscription.deleted");
  if (deleted.length > 0) return deleted[deleted.length - 1]!;
  const unfollowed = sorted.filter((e) => !sorted.some((next) => follows(next, e)));
  const candidates = unfollowed.length > 0 ? unfollowed : sorted;
  // Prefer an update (it moved the state) over a snapshot that only restates it.
  const updates = candidates.filter((e) => e.previousAttributes);
  const pool = updates.length > 0 ? updates : candidates;
  return pool[pool.length - 1]!;
}

const isManualContract = (row: HistoryIdentity) =>
  row.planId === "enterprise" && row.stripeSubscriptionId === null && row.status === "active";

const customerOf = (subscription: Stripe.Subscription) =>
  typeof subscription.customer === "string"
    ? subscription.customer
    : (subscription.customer?.id ?? null);

/**
 * Derive the rows the ledger's snapshots stand for, placed among the fixed rows. Events older
 * than the newest legacy row are already told by the legacy rows and are left out. While the
 * row before is a manual Enterprise contract, a Stripe subscription that isn't live changes
 * nothing (the same rule convergence follows).
 */
export function deriveHistory(observations: Observation[], fixed: FixedRow[]): DerivedRow[] {
  const legacyUntil = Math.max(
    -Infinity,
    ...fixed.filter((row) => row.source === "legacy").map((row) => row.effectiveAt.getTime()),
  );
  const seconds = new Map<number, Observation[]>();
  for (const observation of observations) {
    if (observation.created.getTime() <= legacyUntil) continue;
    const second = Math.floor(observation.created.getTime() / 1000);
    seconds.set(second, [...(seconds.get(second) ?? []), observation]);
  }
  type Point = { at: number; fixed?: FixedRow; group?: Observation[] };
  const points: Point[] = [
    ...fixed.map((row): Point => ({ at: row.effectiveAt.getTime(), fixed: row })),
    ...[...seconds].map(([second, group]): Point => ({ at: second * 1000, group })),
  ].sort((a, b) => a.at - b.at || (a.fixed ? 0 : 1) - (b.fixed ? 0 : 1));

  const subscriptions = new Map<string, Stripe.Subscription>();
  const rows: DerivedRow[] = [];
  let last: (HistoryIdentity & { mrrCents: number }) | null = null;
  let hadRevenue = false;
  for (const point of points) {
    if (point.fixed) {
      last = point.fixed;
      if (point.fixed.mrrCents > 0) hadRevenue = true;
      continue;
    }
    const group = point.group!;
    const bySubscription = new Map<string, Observation[]>();
    for (const observation of group) {
      const id = observation.subscription.id;
      bySubscription.set(id, [...(bySubscription.get(id) ?? []), observation]);
    }
    const finals = new Map<string, Observation>();
    for (const [id, events] of bySubscription) {
      const final = lastOfSecond(events);
      finals.set(id, final);
      subscriptions.set(id, final.subscription);
    }
    const current = currentSubscription([...subscriptions.values()]);
    if (!current) continue;
    const projection = project(current);
    const state: HistoryIdentity = {
      stripeCustomerId: customerOf(current),
      stripeSubscriptionId: projection.stripeSubscriptionId,
      planId: projection.planId,
      billingInterval: projection.billingInterval,
      status: projection.status,
      seats: projection.seats,
      amountCents: projection.amountCents,
      currency: projection.currency,
      cancelAtPeriodEnd: projection.cancelAtPeriodEnd,
    };
    if (last && isManualContract(last) && !LIVE_STATUSES.includes(projection.status)) continue;
    if (last && sameIdentity(last, state)) continue;
    const cause = finals.get(current.id) ?? [...finals.values()].sort(byId)[0]!;
    const mrrCents = mrrOf(projection);
    const previousMrrCents = last?.mrrCents ?? 0;
    const row: DerivedRow = {
      ...state,
      mrrCents,
      previousStatus: last?.status ?? ("none" satisfies SubscriptionStatus),
      previousMrrCents,
      movement: movementOf(previousMrrCents, mrrCents, hadRevenue),
      trialEnd: projection.trialEnd,
      currentPeriodEnd: projection.currentPeriodEnd,
      canceledAt: projection.canceledAt,
      effectiveAt: new Date(point.at),
      stripeEventId: cause.eventId,
      reason: cause.type,
    };
    rows.push(row);
    last = row;
    if (mrrCents > 0) hadRevenue = true;
  }
  return rows;
}
