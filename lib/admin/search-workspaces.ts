import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { GRACE_DAYS } from "@/lib/billing/state";
import { PLAN_IDS } from "@/lib/billing/plans";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { billingAccounts, workspaces } from "@/lib/db/schema";
import { isId, parseInput, userText } from "@/lib/validation";
import type { AdminPrincipal } from "./require-platform-admin";

export const WORKSPACE_PAGE_SIZE = 25;
/**
 * The statuses the console tells apart. `grace` is past_due within the grace period (paid limits
 * still apply); `past_due` is past it (Free limits); `none` never subscribed.
 */
export const WORKSPACE_STATUSES = [
  "trialing",
  "active",
  "past_due",
  "grace",
  "canceled",
  "unpaid",
  "none",
] as const;
export type WorkspaceStatus = (typeof WORKSPACE_STATUSES)[number] | "incomplete" | "paused";
export const WORKSPACE_SORTS = ["newest", "oldest", "name", "mrr"] as const;
type Sort = (typeof WORKSPACE_SORTS)[number];

export const workspaceSearchSchema = z.object({
  q: userText({ max: 200 }).optional().default(""),
  plan: z.enum(["all", ...PLAN_IDS], { error: "Pick a plan from the list." }).default("all"),
  status: z
    .enum(["all", ...WORKSPACE_STATUSES], { error: "Pick a status from the list." })
    .default("all"),
  sort: z.enum(WORKSPACE_SORTS, { error: "Pick a sort order from the list." }).default("newest"),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, "This page link is out of date.")
    .optional(),
});
export type WorkspaceSearch = z.output<typeof workspaceSearchSchema>;

export interface WorkspaceListRow {
  id: string;
  /** created_at as PostgreSQL prints it (microseconds kept), for the cursor. */
  createdAtExact: string;
  name: string;
  slug: string;
  personal: boolean;
  createdAt: Date;
  planId: string;
  status: WorkspaceStatus;
  seats: number;
  mrrCents: number;
  billingInterval: string | null;
  cancelAtPeriodEnd: boolean;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
}

const DAY_MS = 24 * 60 * 60_000;
const STRIPE_ID = /^(cus|sub)_[A-Za-z0-9_]{1,255}$/;
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Where the grace period of a past_due account started: after this, it is still in grace. */
const graceCutoff = () => new Date(clockNow().getTime() - GRACE_DAYS * DAY_MS);

/** The sort key of a row and the columns it is ordered by (then the id, for a total order). */
const SORTS: Record<
  Sort,
  { direction: "asc" | "desc"; column: SQL; key: (row: WorkspaceListRow) => string | number }
> = {
  newest: {
    direction: "desc",
    column: sql`${workspaces.createdAt}`,
    key: (row) => row.createdAtExact,
  },
  oldest: {
    direction: "asc",
    column: sql`${workspaces.createdAt}`,
    key: (row) => row.createdAtExact,
  },
  name: { direction: "asc", column: sql`${workspaces.name}`, key: (row) => row.name },
  mrr: { direction: "desc", column: sql`${billingAccounts.mrrCents}`, key: (row) => row.mrrCents },
};

/** "sort|key|id" of the last row, opaque in the URL; a cursor of another sort is stale. */
const encodeCursor = (sort: Sort, row: WorkspaceListRow) =>
  Buffer.from(JSON.stringify([sort, SORTS[sort].key(row), row.id])).toString("base64url");

/** A timestamptz as PostgreSQL prints it: `2026-12-05 00:41:12.345678+00`. */
const PG_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)([+-]\d{2})(?::?(\d{2}))?$/;

function isTimestamp(value: string): boolean {
  const match = PG_TIMESTAMP.exec(value);
  if (!match) return false;
  const [, date, time] = match;
  // A real calendar day (JavaScript rolls 02-31 over; PostgreSQL would refuse it) and time.
  const day = new Date(`${date}T00:00:00Z`);
  return (
    !Number.isNaN(day.getTime()) &&
    day.toISOString().startsWith(date!) &&
    !Number.isNaN(Date.parse(`${date}T${time!.slice(0, 12)}Z`))
  );
}

function decodeCursor(sort: Sort, cursor: string): { key: string | number; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 3 || value[0] !== sort) return null;
    const [, key, id] = value as [unknown, unknown, unknown];
    if (!isId(id)) return null;
    if (sort === "mrr" ? !Number.isSafeInteger(key) : typeof key !== "string") return null;
    if ((sort === "newest" || sort === "oldest") && !isTimestamp(key as string)) return null;
    return { key: key as string | number, id };
  } catch {
    return null;
  }
}

function keyParam(sort: Sort, key: string | number): SQL {
  if (sort === "newest" || sort === "oldest") return sql`${key}::timestamptz`;
  if (sort === "mrr") return sql`${key}::integer`;
  return sql`${key}`;
}

/** The status a row shows: past_due splits into `grace` (paid limits) and `past_due` (Free). */
export function displayStatus(
  status: string,
  pastDueSince: Date | null,
  cutoff = graceCutoff(),
): WorkspaceStatus {
  if (status === "past_due") return pastDueSince && pastDueSince > cutoff ? "grace" : "past_due";
  if (status === "incomplete_expired") return "canceled";
  return status as WorkspaceStatus;
}

function statusFilter(status: WorkspaceSearch["status"], cutoff: Date): SQL | undefined {
  if (status === "all") return undefined;
  if (status === "grace") {
    return and(
      eq(billingAccounts.status, "past_due"),
      sql`${billingAccounts.pastDueSince} > ${cutoff.toISOString()}::timestamptz`,
    );
  }
  if (status === "past_due") {
    return and(
      eq(billingAccounts.status, "past_due"),
      sql`(${billingAccounts.pastDueSince} IS NULL OR ${billingAccounts.pastDueSince} <= ${cutoff.toISOString()}::timestamptz)`,
    );
  }
  if (status === "canceled") {
    return sql`${billingAccounts.status} IN ('canceled', 'incomplete_expired')`;
  }
  return eq(billingAccounts.status, status);
}

/**
 * The console's workspace list: every workspace with its plan, status, seats, MRR and Stripe ids.
 * Search by workspace id (exact), Stripe customer or subscription id (exact), name (contains) or
 * address (prefix); filter by plan and status; sort newest, oldest, by name or by MRR; one page
 * of WORKSPACE_PAGE_SIZE after a keyset cursor. One bounded query, served by the indexes on
 * workspaces (created_at, name trigram, slug prefix) and billing_accounts (customer,
 * subscription, plan/status, mrr).
 */
export async function searchWorkspaces(
  _admin: AdminPrincipal,
  input: unknown,
): Promise<{ rows: WorkspaceListRow[]; nextCursor: string | null; search: WorkspaceSearch }> {
  const search = parseInput(workspaceSearchSchema, input);
  const cutoff = graceCutoff();
  const where: (SQL | undefined)[] = [];
  const q = search.q;
  if (q) {
    if (/^ws_[a-z0-9]{1,64}$/.test(q)) where.push(eq(workspaces.id, q));
    else if (STRIPE_ID.test(q)) {
      where.push(
        eq(
          q.startsWith("cus_")
            ? billingAccounts.stripeCustomerId
            : billingAccounts.stripeSubscriptionId,
          q,
        ),
      );
    } else {
      where.push(
        or(
          ilike(workspaces.name, `%${escapeLike(q)}%`),
          sql`${workspaces.slug} like ${`${escapeLike(q.toLowerCase())}%`}`,
        ),
      );
    }
  }
  if (search.plan !== "all") where.push(eq(billingAccounts.planId, search.plan));
  where.push(statusFilter(search.status, cutoff));
  const sort = SORTS[search.sort];
  if (search.cursor) {
    const after = decodeCursor(search.sort, search.cursor);
    if (!after) {
      // Parsed like any other bad field, so the page shows it next to the list.
      parseInput(z.object({ cursor: z.never({ error: "This page link is out of date." }) }), {
        cursor: search.cursor,
      });
    } else {
      const op = sort.direction === "desc" ? sql`<` : sql`>`;
      where.push(
        sql`(${sort.column}, ${workspaces.id}) ${op} (${keyParam(search.sort, after.key)}, ${after.id})`,
      );
    }
  }
  const order = sort.direction === "desc" ? desc : asc;
  const rows = await db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      personal: workspaces.personal,
      createdAt: workspaces.createdAt,
      // A JavaScript Date keeps milliseconds, PostgreSQL microseconds: the cursor needs them all.
      createdAtExact: sql<string>`${workspaces.createdAt}::text`,
      planId: billingAccounts.planId,
      rawStatus: billingAccounts.status,
      pastDueSince: billingAccounts.pastDueSince,
      seats: billingAccounts.seats,
      mrrCents: billingAccounts.mrrCents,
      billingInterval: billingAccounts.billingInterval,
      cancelAtPeriodEnd: billingAccounts.cancelAtPeriodEnd,
      stripeCustomerId: billingAccounts.stripeCustomerId,
      stripeSubscriptionId: billingAccounts.stripeSubscriptionId,
    })
    .from(workspaces)
    .innerJoin(billingAccounts, eq(billingAccounts.workspaceId, workspaces.id))
    .where(and(...where))
    .orderBy(order(sort.column), order(workspaces.id))
    .limit(WORKSPACE_PAGE_SIZE + 1);
  const page: WorkspaceListRow[] = rows
    .slice(0, WORKSPACE_PAGE_SIZE)
    .map(({ rawStatus, pastDueSince, ...row }) => ({
      ...row,
      status: displayStatus(rawStatus, pastDueSince, cutoff),
    }));
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > WORKSPACE_PAGE_SIZE && last ? encodeCursor(search.sort, last) : null,
    search,
  };
}
