import { aliasedTable, and, desc, eq, isNull, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db } from "@/lib/db";
import {
  comments,
  flags,
  moderationActions,
  problems,
  users,
  workspaceBans,
  workspaces,
} from "@/lib/db/schema";
import { banAuthor, unbanAuthor } from "@/lib/moderation/bans";
import { moderateContent } from "@/lib/moderation/moderate-content";
import { listHeldContent } from "@/lib/moderation/moderation-queue";
import { idSchema, isId, parseInput } from "@/lib/validation";
import type { AdminPrincipal } from "./require-platform-admin";
import { reasonSchema } from "./schemas";

/** How much of each list /admin/moderation shows (every query is bounded and indexed). */
export const MODERATION_CONSOLE_LIMITS = { held: 50, reported: 50, sweeps: 20, bans: 50 };

/**
 * The cross-tenant moderation queue: content held for review in every workspace (oldest first),
 * published content with open reports, the newest spam sweeps (a "spam" decision hides the
 * author's other held posts too) and the authors banned from a workspace. Seven bounded queries,
 * each served by a partial or leading index.
 */
export async function getModerationConsole(
  _admin: AdminPrincipal,
  filter: { workspaceId?: string | null } = {},
) {
  // One workspace only (`?workspace=ws_…`), or every workspace; a malformed id matches nothing.
  const only = filter.workspaceId ? (isId(filter.workspaceId) ? filter.workspaceId : "") : null;
  const inWorkspace = (column: AnyPgColumn) => (only === null ? undefined : eq(column, only));
  const reporter = aliasedTable(users, "reporter");
  const [heldContent, reported, sweeps, bans] = await Promise.all([
    listHeldContent(only, MODERATION_CONSOLE_LIMITS.held),
    // Open reports on content that is still visible (held content is in the queue above).
    db
      .select({
        flagId: flags.id,
        targetType: flags.targetType,
        targetId: flags.targetId,
        reason: flags.reason,
        createdAt: flags.createdAt,
        reporterName: reporter.name,
        workspaceId: workspaces.id,
        workspaceName: workspaces.name,
        text: sql<string | null>`coalesce(
          (select ${problems.title} from ${problems} where ${problems.id} = ${flags.targetId}
            and ${flags.targetType} = 'problem' and ${problems.moderationState} = 'approved'),
          (select ${comments.body} from ${comments} where ${comments.id} = ${flags.targetId}
            and ${flags.targetType} = 'comment' and ${comments.moderationState} = 'approved'
            and ${comments.deletedAt} is null))`,
      })
      .from(flags)
      .innerJoin(workspaces, eq(workspaces.id, flags.workspaceId))
      .innerJoin(reporter, eq(reporter.id, flags.reporterId))
      .where(and(isNull(flags.resolvedAt), inWorkspace(flags.workspaceId)))
      .orderBy(desc(flags.createdAt))
      .limit(MODERATION_CONSOLE_LIMITS.reported),
    db
      .select({
        id: moderationActions.id,
        targetType: moderationActions.targetType,
        targetId: moderationActions.targetId,
        note: moderationActions.note,
        createdAt: moderationActions.createdAt,
        actorName: users.name,
        workspaceId: workspaces.id,
        workspaceName: workspaces.name,
      })
      .from(moderationActions)
      .innerJoin(workspaces, eq(workspaces.id, moderationActions.workspaceId))
      .leftJoin(users, eq(users.id, moderationActions.actorId))
      .where(and(eq(moderationActions.action, "spam"), inWorkspace(moderationActions.workspaceId)))
      .orderBy(desc(moderationActions.createdAt))
      .limit(MODERATION_CONSOLE_LIMITS.sweeps),
    db
      .select({
        userId: workspaceBans.userId,
        userName: users.name,
        userEmail: users.email,
        reason: workspaceBans.reason,
        createdAt: workspaceBans.createdAt,
        bannedByName: sql<
          string | null
        >`(select b.name from ${users} b where b.id = ${workspaceBans.bannedBy})`,
        workspaceId: workspaces.id,
        workspaceName: workspaces.name,
      })
      .from(workspaceBans)
      .innerJoin(workspaces, eq(workspaces.id, workspaceBans.workspaceId))
      .innerJoin(users, eq(users.id, workspaceBans.userId))
      .where(inWorkspace(workspaceBans.workspaceId))
      .orderBy(desc(workspaceBans.createdAt))
      .limit(MODERATION_CONSOLE_LIMITS.bans),
  ]);
  const held = heldContent.slice(0, MODERATION_CONSOLE_LIMITS.held);
  return { held, reported: groupReports(reported), sweeps, bans };
}

const decisionInput = z.object({
  workspaceId: idSchema,
  targetType: z.enum(["problem", "comment"], { error: "Choose a problem or a comment." }),
  targetId: idSchema,
  decision: z.enum(["approve", "reject", "spam"], {
    error: "Choose approve, reject or spam.",
  }),
  reason: reasonSchema,
});
const authorInput = z.object({ workspaceId: idSchema, userId: idSchema, reason: reasonSchema });

/**
 * Approve, reject or mark as spam a held or reported post of any workspace, through the same
 * domain function a workspace's moderators use (lib/moderation): the same state changes, the
 * moderation log and the workspace's audit trail, with the admin as actor and the reason as
 * the decision's note.
 */
export async function decideFromConsole(admin: AdminPrincipal, input: unknown) {
  const data = parseInput(decisionInput, input);
  await moderateContent(admin, data.workspaceId, {
    targetType: data.targetType,
    targetId: data.targetId,
    decision: data.decision,
    note: data.reason,
  });
}

/** Ban a post's author from that workspace's boards (lib/moderation: members can't be). */
export async function banAuthorFromConsole(admin: AdminPrincipal, input: unknown) {
  const data = parseInput(authorInput, input);
  await banAuthor(admin, data.workspaceId, data.userId, data.reason);
}

/** Lift a workspace ban (lib/moderation), with the reason in the log and the audit trail. */
export async function unbanAuthorFromConsole(admin: AdminPrincipal, input: unknown) {
  const data = parseInput(authorInput, input);
  await unbanAuthor(admin, data.workspaceId, data.userId, data.reason);
}

/** Open reports, one entry per reported post (newest report first), visible posts only. */
function groupReports<
  R extends {
    targetType: "problem" | "comment";
    targetId: string;
    reason: string;
    createdAt: Date;
    text: string | null;
    workspaceId: string;
    workspaceName: string;
  },
>(rows: R[]) {
  const byTarget = new Map<string, R & { text: string; reports: number }>();
  for (const row of rows) {
    if (row.text === null) continue;
    const key = `${row.targetType}:${row.targetId}`;
    const seen = byTarget.get(key);
    if (seen) seen.reports += 1;
    else byTarget.set(key, { ...row, text: row.text, reports: 1 });
  }
  return [...byTarget.values()];
}
