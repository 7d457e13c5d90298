import { and, count, eq, gt, sql } from "drizzle-orm";
import { db, type Database, type Transaction } from "@/lib/db";
import {
  billingAccounts,
  boards,
  invitations,
  members,
  storageUsage,
  usageAlerts,
  usageCounters,
  users,
  workspaces,
} from "@/lib/db/schema";
import { cached, invalidate } from "@/lib/cache/cached";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getPlan, type PlanLimits } from "./plans";
import { billingStateOf, limitsOf, type BillingState } from "./state";
import { now as clockNow } from "@/lib/clock";
import { isLive, type CapabilityId } from "@/lib/content/features";

/**
 * The entitlements engine: the one place that answers "may workspace W do X now?" and "what is
 * left of Y this period?" for pages, server actions, the REST API and the rate limiter alike.
 *
 * - Periodic metrics (problems created, API requests) are counters per calendar month (UTC),
 *   incremented with a conditional upsert in the same transaction as the thing they count, so
 *   at the limit exactly one of many concurrent creations wins.
 * - Boards and seats are counted from their own tables while the workspace's billing row is
 *   locked, so two concurrent creations can't both take the last one.
 */

export type Metric = "boards" | "problems" | "seats" | "apiRequests";
type Executor = Transaction | Database;

const LIMIT_KEY: Record<Metric, keyof PlanLimits> = {
  boards: "boards",
  problems: "problemsPerMonth",
  seats: "seats",
  apiRequests: "apiRequestsPerMonth",
};

export const METRIC_LABELS: Record<Metric, { one: string; many: string; period?: string }> = {
  boards: { one: "board", many: "boards" },
  problems: { one: "new problem", many: "new problems", period: "this month" },
  seats: { one: "seat", many: "seats" },
  apiRequests: { one: "API request", many: "API requests", period: "this month" },
};

export class LimitReachedError extends AppError {
  constructor(
    readonly metric: Metric,
    readonly limit: number,
    planName: string,
  ) {
    const label = METRIC_LABELS[metric];
    const what = limit === 1 ? label.one : label.many;
    super(
      "limit_reached",
      limit === 0
        ? `The ${planName} plan doesn't include ${label.many}. Upgrade to use them.`
        : `The ${planName} plan includes ${limit.toLocaleString("en-US")} ${what}${label.period ? ` ${label.period}` : ""}, and all are used. Upgrade for more.`,
    );
  }
}

export const billingTag = (workspaceId: string) => `billing:${workspaceId}`;

/** First day of the usage period (calendar month, UTC) as YYYY-MM-DD, and when it resets. */
export function usagePeriod(now = clockNow()): { start: string; resetsOn: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const resetsOn = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start: start.toISOString().slice(0, 10), resetsOn };
}

async function loadAccount(workspaceId: string, executor: Executor) {
  const [account] = await executor
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  if (!account) throw new AppError("not_found", "Workspace not found.");
  return account;
}

/**
 * A second of in-process memory in front of the shared cache: limit checks sit on hot write
 * paths (every post, every API call), and a workspace busy enough to matter asks many times a
 * second. Invalidation clears it here at once; another instance may act on the old plan for at
 * most this long after a change. On globalThis so every Next.js bundle in the process shares it.
 */
const LOCAL_TTL_MS = 1_000;
const processWide = globalThis as typeof globalThis & {
  __problemboardBillingMemo?: Map<string, { state: BillingState; until: number }>;
};
const memo = (processWide.__problemboardBillingMemo ??= new Map());

/**
 * A workspace's billing state, cached for a minute (shared) and a second (in process), and
 * invalidated whenever billing converges. Pass the transaction when inside one (the embedded
 * database has a single connection).
 */
export async function getBillingState(
  workspaceId: string,
  executor: Executor = db,
): Promise<BillingState> {
  const hit = memo.get(workspaceId);
  if (hit && hit.until > Date.now()) return hit.state;
  const state = await cached(
    `billing-state:${workspaceId}`,
    { ttl: 60, tags: [billingTag(workspaceId)] },
    async () => billingStateOf(await loadAccount(workspaceId, executor)),
  );
  if (memo.size > 10_000) memo.clear();
  memo.set(workspaceId, { state, until: Date.now() + LOCAL_TTL_MS });
  return state;
}

export async function invalidateBilling(workspaceId: string): Promise<void> {
  memo.delete(workspaceId);
  await invalidate(billingTag(workspaceId)).catch(() => false);
}

/** The limits in force for a workspace now. */
export async function getLimits(workspaceId: string, executor: Executor = db) {
  const state = await getBillingState(workspaceId, executor);
  return { state, limits: limitsOf(state), planName: getPlan(state.effectivePlanId).name };
}

/** Boards, or seats in use (members plus pending invitations), counted from their tables. */
export async function countLive(
  metric: "boards" | "seats",
  workspaceId: string,
  executor: Executor = db,
) {
  if (metric === "boards") {
    const [row] = await executor
      .select({ n: count() })
      .from(boards)
      .where(eq(boards.workspaceId, workspaceId));
    return row?.n ?? 0;
  }
  const [memberCount] = await executor
    .select({ n: count() })
    .from(members)
    .where(eq(members.organizationId, workspaceId));
  const [pending] = await executor
    .select({ n: count() })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, workspaceId),
        eq(invitations.status, "pending"),
        gt(invitations.expiresAt, clockNow()),
      ),
    );
  return (memberCount?.n ?? 0) + (pending?.n ?? 0);
}

/**
 * Inside the transaction that creates a board or adds a seat (a member or an invitation): lock
 * the workspace's billing row and check there is room for `adding` more. Throws
 * LimitReachedError otherwise. The lock is held until the transaction ends.
 */
export async function reserveCapacity(
  tx: Transaction,
  workspaceId: string,
  metric: "boards" | "seats",
  adding = 1,
): Promise<void> {
  const [account] = await tx
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId))
    .for("update");
  if (!account) throw new AppError("not_found", "Workspace not found.");
  const state = billingStateOf(account);
  const limit = limitsOf(state)[LIMIT_KEY[metric]] as number;
  if (limit === Infinity) return;
  // A second statement on purpose: under READ COMMITTED it takes a fresh snapshot after the lock
  // is granted, so it sees what the previous lock holder committed. A count folded into the
  // locking statement would use the snapshot from before the wait and let two creations through
  // (the concurrent-creation test catches exactly that).
  const used = await countLive(metric, workspaceId, tx);
  if (used + adding > limit) {
    throw new LimitReachedError(metric, limit, getPlan(state.effectivePlanId).name);
  }
}

/**
 * Count `amount` of a periodic metric inside the transaction that does the counted thing.
 * Throws LimitReachedError (and counts nothing) when it would go over the limit. At 80 % and
 * 100 % the workspace's owners get one email per metric and period, queued in the same
 * transaction.
 */
export async function consumeUsage(
  tx: Transaction,
  workspaceId: string,
  metric: "problems" | "apiRequests",
  amount = 1,
  now = clockNow(),
): Promise<{ used: number; limit: number }> {
  const { state, limits, planName } = await getLimits(workspaceId, tx);
  const limit = limits[LIMIT_KEY[metric]] as number;
  if (amount > limit) throw new LimitReachedError(metric, limit, planName);
  const { start } = usagePeriod(now);
  const bounded =
    limit === Infinity ? sql`` : sql`where ${usageCounters.used} + excluded.used <= ${limit}`;
  const rows = await tx.execute<{ used: number }>(sql`
    insert into usage_counters (workspace_id, metric, period_start, used)
    values (${workspaceId}, ${metric}, ${start}, ${amount})
    on conflict (workspace_id, metric, period_start)
    do update set used = usage_counters.used + excluded.used ${bounded}
    returning used`);
  const used = rows[0]?.used;
  if (used === undefined) throw new LimitReachedError(metric, limit, planName);
  if (limit !== Infinity)
    await warnAtThresholds(tx, state, metric, used - amount, used, limit, now);
  return { used, limit };
}

const THRESHOLDS = [80, 100] as const;

async function warnAtThresholds(
  tx: Transaction,
  state: BillingState,
  metric: "problems" | "apiRequests",
  before: number,
  after: number,
  limit: number,
  now: Date,
) {
  const { start, resetsOn } = usagePeriod(now);
  for (const threshold of THRESHOLDS) {
    const mark = Math.ceil((limit * threshold) / 100);
    if (before >= mark || after < mark) continue;
    const inserted = await tx
      .insert(usageAlerts)
      .values({ workspaceId: state.workspaceId, metric, periodStart: start, threshold })
      .onConflictDoNothing()
      .returning({ threshold: usageAlerts.threshold });
    if (inserted.length === 0) continue;
    await emailOwners(tx, state.workspaceId, async (workspace, to) => {
      const common = {
        workspaceName: workspace.name,
        metricLabel: `${METRIC_LABELS[metric].many} ${METRIC_LABELS[metric].period ?? ""}`.trim(),
        limit: limit.toLocaleString("en-US"),
        resetsOn: resetsOn.toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" }),
        billingUrl: `${env.APP_URL}/w/${workspace.slug}/billing`,
      };
      const key = `usage:${state.workspaceId}:${metric}:${start}:${threshold}:${to}`;
      if (threshold === 100) {
        await sendEmail("usage-limit-reached", to, common, { tx, idempotencyKey: key });
      } else {
        await sendEmail(
          "usage-warning",
          to,
          { ...common, used: after.toLocaleString("en-US"), percent: String(threshold) },
          { tx, idempotencyKey: key },
        );
      }
    });
  }
}

/** Run `send` for each owner of a workspace (billing mail goes to owners). */
export async function emailOwners(
  executor: Executor,
  workspaceId: string,
  send: (workspace: { name: string; slug: string }, to: string) => Promise<void>,
) {
  const owners = await executor
    .select({ email: users.email, name: workspaces.name, slug: workspaces.slug })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
    .where(and(eq(members.organizationId, workspaceId), eq(members.role, "owner")));
  for (const owner of owners) await send({ name: owner.name, slug: owner.slug }, owner.email);
}

export interface UsageMeter {
  /** A limit metric, or `storage` (attachment bytes, lib/attachments/storage-quota.ts). */
  metric: Metric | "storage";
  label: string;
  used: number;
  limit: number;
  /** ISO date the count starts again; null for boards and seats. */
  resetsOn: string | null;
  /** How to show the numbers: counts, or bytes (storage). */
  unit?: "bytes";
}

/** The capability a metric meters, when it is not part of every plan's core. */
const METRIC_CAPABILITY: Partial<Record<Metric, CapabilityId>> = { apiRequests: "restApi" };

/**
 * The metrics the billing page meters, in display order: a metric of a capability that is not
 * live yet (API requests before the REST API ships) is not shown, so no page meters what the
 * product doesn't do.
 */
export function meteredMetrics(): Metric[] {
  return (["boards", "problems", "seats", "apiRequests"] as const).filter((metric) => {
    const capability = METRIC_CAPABILITY[metric];
    return capability === undefined || isLive(capability);
  });
}

/** Usage against every metered limit, for the billing page's meters. */
export async function usageSummary(workspaceId: string, now = clockNow()): Promise<UsageMeter[]> {
  const { limits } = await getLimits(workspaceId);
  const { start, resetsOn } = usagePeriod(now);
  const counters = await db
    .select({ metric: usageCounters.metric, used: usageCounters.used })
    .from(usageCounters)
    .where(and(eq(usageCounters.workspaceId, workspaceId), eq(usageCounters.periodStart, start)));
  const periodic = (metric: Metric) => counters.find((c) => c.metric === metric)?.used ?? 0;
  const meters: UsageMeter[] = [];
  for (const metric of meteredMetrics()) {
    const live = metric === "boards" || metric === "seats";
    meters.push({
      metric,
      label: `${METRIC_LABELS[metric].many[0]!.toUpperCase()}${METRIC_LABELS[metric].many.slice(1)}${METRIC_LABELS[metric].period ? ` ${METRIC_LABELS[metric].period}` : ""}`,
      used: live ? await countLive(metric, workspaceId, db) : periodic(metric),
      limit: limits[LIMIT_KEY[metric]] as number,
      resetsOn: live ? null : resetsOn.toISOString(),
    });
  }
  const [stored] = await db
    .select({ bytes: storageUsage.bytes })
    .from(storageUsage)
    .where(eq(storageUsage.workspaceId, workspaceId));
  meters.push({
    metric: "storage",
    label: "Attachment storage",
    used: stored?.bytes ?? 0,
    limit: limits.storageBytes,
    resetsOn: null,
    unit: "bytes",
  });
  return meters;
}
