import { and, count, desc, gte, isNotNull, lt, min, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { activityDaily, comments, problems, sessions, users, votes } from "@/lib/db/schema";
import { dayOf } from "./flows";

/**
 * Product activity per UTC day (activity_daily), written by the hourly `revenue.activity` job:
 *
 * - sign-ups: users created that day;
 * - weekly active users: distinct people who, in the 7 days ending that day, signed in or used
 *   a session (a session created or refreshed), posted a problem, voted or commented;
 * - weekly active workspaces: distinct workspaces where, in those 7 days, a problem was posted,
 *   voted on or commented on, or a session was used with the workspace active.
 *
 * Sessions keep only their latest refresh and are deleted at sign-out, so a day is counted best
 * while it is recent: the job recomputes yesterday and today on every run and leaves older days
 * as they were when they closed (a backfill of long-past days counts only the content activity
 * and the sessions still stored).
 */

const DAY_MS = 24 * 60 * 60_000;
/** How far back a first run (or `npm run revenue:rebuild`) fills activity days. */
export const ACTIVITY_BACKFILL_DAYS = 400;

const startOf = (day: string) => new Date(`${day}T00:00:00.000Z`);

function within(column: PgColumn, from: Date, to: Date): SQL {
  return and(gte(column, from), lt(column, to))!;
}

async function countDistinct(query: SQL): Promise<number> {
  const result = await db.execute<{ n: number | string }>(
    sql`select count(*)::int as n from (${query}) as active`,
  );
  return Number([...result][0]?.n ?? 0);
}

/** Sign-ups, weekly active users and workspaces for one UTC day. */
export async function computeActivityDay(day: string) {
  const dayStart = startOf(day);
  const to = new Date(dayStart.getTime() + DAY_MS);
  const from = new Date(to.getTime() - 7 * DAY_MS);

  const [signups] = await db
    .select({ n: count() })
    .from(users)
    .where(within(users.createdAt, dayStart, to));

  const activeUsers = sql`
    select ${sessions.userId} from ${sessions}
      where ${or(within(sessions.createdAt, from, to), within(sessions.updatedAt, from, to))}
    union
    select ${problems.authorId} from ${problems}
      where ${and(within(problems.createdAt, from, to), isNotNull(problems.authorId))}
    union
    select ${votes.userId} from ${votes} where ${within(votes.createdAt, from, to)}
    union
    select ${comments.authorId} from ${comments}
      where ${and(within(comments.createdAt, from, to), isNotNull(comments.authorId))}`;

  const activeWorkspaces = sql`
    select ${sessions.activeOrganizationId} from ${sessions}
      where ${and(
        or(within(sessions.createdAt, from, to), within(sessions.updatedAt, from, to)),
        isNotNull(sessions.activeOrganizationId),
      )}
    union
    select ${problems.workspaceId} from ${problems} where ${within(problems.createdAt, from, to)}
    union
    select ${problems.workspaceId} from ${votes}
      join ${problems} on ${problems.id} = ${votes.problemId}
      where ${within(votes.createdAt, from, to)}
    union
    select ${comments.workspaceId} from ${comments} where ${within(comments.createdAt, from, to)}`;

  return {
    day,
    signups: signups?.n ?? 0,
    weeklyActiveUsers: await countDistinct(activeUsers),
    weeklyActiveWorkspaces: await countDistinct(activeWorkspaces),
  };
}

/** The UTC days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = startOf(from).getTime(); at <= startOf(to).getTime(); at += DAY_MS) {
    days.push(dayOf(new Date(at)));
  }
  return days;
}

/**
 * Compute and store activity days: yesterday and today, plus every day since the last one
 * stored (on a first run, since the first sign-up, at most ACTIVITY_BACKFILL_DAYS back).
 * `all` recomputes every day in that range (the backfill).
 */
export async function refreshActivity({ all = false }: { all?: boolean } = {}) {
  const now = clockNow();
  const today = dayOf(now);
  const floor = dayOf(new Date(now.getTime() - ACTIVITY_BACKFILL_DAYS * DAY_MS));
  const yesterday = dayOf(new Date(now.getTime() - DAY_MS));
  let from = yesterday;
  const [latest] = await db
    .select({ day: activityDaily.day })
    .from(activityDaily)
    .orderBy(desc(activityDaily.day))
    .limit(1);
  if (all || !latest) {
    const [first] = await db.select({ at: min(users.createdAt) }).from(users);
    from = first?.at ? dayOf(first.at) : today;
  } else if (latest.day < from) {
    from = latest.day;
  }
  if (from < floor) from = floor;
  if (from > today) from = today;
  const days = daysBetween(from, today);
  for (const day of days) {
    const values = await computeActivityDay(day);
    await db
      .insert(activityDaily)
      .values({ ...values, computedAt: now })
      .onConflictDoUpdate({
        target: activityDaily.day,
        set: {
          signups: values.signups,
          weeklyActiveUsers: values.weeklyActiveUsers,
          weeklyActiveWorkspaces: values.weeklyActiveWorkspaces,
          computedAt: now,
        },
      });
  }
  return { days: days.length };
}
