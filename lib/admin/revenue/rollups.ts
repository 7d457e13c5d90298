import { asc, gt, inArray, sql } from "drizzle-orm";
import { now as clockNow } from "@/lib/clock";
import { db, type Transaction } from "@/lib/db";
import { revenueDaily, revenueDailyPlans, subscriptionHistory } from "@/lib/db/schema";
import {
  FLOW_COLUMNS,
  FlowAccumulator,
  flowsOf,
  subtractFlows,
  type DayFlows,
  type HistoryPoint,
} from "./flows";

/**
 * The revenue rollups (revenue_daily, revenue_daily_plans): daily flows that add up across
 * workspaces. Two ways in:
 *
 * - `applyHistoryChange`, called by lib/billing/history.ts in the same transaction that appends
 *   to (or re-derives) one workspace's history: the rollups move by the difference between what
 *   the workspace's rows contributed before and after. Additive upserts, days in ascending order,
 *   so two workspaces changing at once neither lose an update nor deadlock.
 * - `rebuildRevenueRollups`, the backfill (the nightly `revenue.rebuild` job and
 *   `npm run revenue:rebuild`): recomputes every day from the whole history in one transaction
 *   that holds the rollup tables exclusively, so a history change committing meanwhile waits and
 *   then adds its difference on top of the rebuilt rows.
 */

const WRITE_BATCH = 500;

type Executor = Transaction | typeof db;

const excluded = (column: { name: string }) => sql.raw(`excluded."${column.name}"`);

async function addFlows(tx: Executor, flows: Map<string, DayFlows>) {
  const days = [...flows.keys()].sort();
  if (days.length === 0) return;
  const updatedAt = clockNow();
  for (let i = 0; i < days.length; i += WRITE_BATCH) {
    const chunk = days.slice(i, i + WRITE_BATCH);
    await tx
      .insert(revenueDaily)
      .values(
        chunk.map((day) => {
          const f = flows.get(day)!;
          return {
            day,
            ...Object.fromEntries(FLOW_COLUMNS.map((column) => [column, f[column]])),
            updatedAt,
          };
        }),
      )
      .onConflictDoUpdate({
        target: revenueDaily.day,
        set: {
          ...Object.fromEntries(
            FLOW_COLUMNS.map((column) => [
              column,
              sql`${revenueDaily[column]} + ${excluded(revenueDaily[column])}`,
            ]),
          ),
          updatedAt,
        },
      });
    const plans = chunk.flatMap((day) =>
      [...flows.get(day)!.plans].map(([planId, p]) => ({
        day,
        planId,
        customers: p.customers,
        mrrCents: p.mrrCents,
      })),
    );
    if (plans.length > 0) {
      await tx
        .insert(revenueDailyPlans)
        .values(plans)
        .onConflictDoUpdate({
          target: [revenueDailyPlans.day, revenueDailyPlans.planId],
          set: {
            customers: sql`${revenueDailyPlans.customers} + ${excluded(revenueDailyPlans.customers)}`,
            mrrCents: sql`${revenueDailyPlans.mrrCents} + ${excluded(revenueDailyPlans.mrrCents)}`,
          },
        });
    }
  }
}

/**
 * Move the rollups by what one workspace's history change made: `before` and `after` are all of
 * the workspace's rows, in history order, before and after the change.
 */
export async function applyHistoryChange(
  tx: Transaction,
  before: HistoryPoint[],
  after: HistoryPoint[],
): Promise<void> {
  await addFlows(tx, subtractFlows(flowsOf(after), flowsOf(before)));
}

const WORKSPACE_BATCH = 500;

/**
 * Every history row, a batch of workspaces at a time (keyset on workspace id, served by the
 * history's workspace index), each workspace in history order, folded into daily flows.
 * O(rows) time, O(workspaces + days) memory.
 */
export async function foldHistory(tx: Executor): Promise<Map<string, DayFlows>> {
  const accumulator = new FlowAccumulator();
  let after: string | null = null;
  for (;;) {
    const batch = await tx
      .selectDistinct({ workspaceId: subscriptionHistory.workspaceId })
      .from(subscriptionHistory)
      .where(after === null ? undefined : gt(subscriptionHistory.workspaceId, after))
      .orderBy(asc(subscriptionHistory.workspaceId))
      .limit(WORKSPACE_BATCH);
    if (batch.length === 0) break;
    const rows = await tx
      .select({
        workspaceId: subscriptionHistory.workspaceId,
        effectiveAt: subscriptionHistory.effectiveAt,
        planId: subscriptionHistory.planId,
        status: subscriptionHistory.status,
        mrrCents: subscriptionHistory.mrrCents,
      })
      .from(subscriptionHistory)
      .where(
        inArray(
          subscriptionHistory.workspaceId,
          batch.map((row) => row.workspaceId),
        ),
      )
      .orderBy(
        asc(subscriptionHistory.workspaceId),
        asc(subscriptionHistory.effectiveAt),
        asc(subscriptionHistory.recordedAt),
        asc(subscriptionHistory.id),
      );
    for (const row of rows) accumulator.add(row);
    if (batch.length < WORKSPACE_BATCH) break;
    after = batch[batch.length - 1]!.workspaceId;
  }
  return accumulator.days;
}

/** Rebuild every rollup day from the subscription history (the backfill). Returns the days. */
export async function rebuildRevenueRollups(): Promise<{ days: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table ${revenueDaily}, ${revenueDailyPlans} in exclusive mode`);
    const flows = await foldHistory(tx);
    await tx.delete(revenueDailyPlans).where(sql`true`);
    await tx.delete(revenueDaily).where(sql`true`);
    await addFlows(tx, flows);
    return { days: flows.size };
  });
}
