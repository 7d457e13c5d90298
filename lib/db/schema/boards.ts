import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users, workspaces } from "./auth";

/**
 * The product core: boards where a workspace's customers post problems, vote, comment and follow;
 * moderation of what they post. Counters (votes, comments) are kept by triggers in the same
 * statement as the row that changes them, so they are exact under any concurrency.
 */

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const BOARD_VISIBILITIES = ["public", "private"] as const;
export const MODERATION_MODES = ["publish", "hold_first", "hold_all"] as const;
export const PROBLEM_STATUSES = [
  "open",
  "under_review",
  "planned",
  "in_progress",
  "solved",
  "closed",
] as const;
export const MODERATION_STATES = ["pending", "approved", "rejected", "spam"] as const;

export type BoardVisibility = (typeof BOARD_VISIBILITIES)[number];
export type ModerationMode = (typeof MODERATION_MODES)[number];
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
export type ModerationState = (typeof MODERATION_STATES)[number];

const created = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
};

export const boards = pgTable(
  "boards",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    guidelines: text("guidelines").notNull().default(""),
    visibility: text("visibility", { enum: BOARD_VISIBILITIES }).notNull().default("public"),
    moderationMode: text("moderation_mode", { enum: MODERATION_MODES })
      .notNull()
      .default("hold_first"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    ...created,
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("boards_workspace_slug_key").on(t.workspaceId, t.slug)],
).enableRLS();

export const problems = pgTable(
  "problems",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    boardId: text("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: PROBLEM_STATUSES }).notNull().default("open"),
    moderationState: text("moderation_state", { enum: MODERATION_STATES })
      .notNull()
      .default("approved"),
    /** Why it was held (first post, links, blocked word, flags), for the moderation queue. */
    moderationReason: text("moderation_reason"),
    voteCount: integer("vote_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    flagCount: integer("flag_count").notNull().default(0),
    mergedIntoId: text("merged_into_id"),
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')`,
    ),
    ...created,
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    // Same column directions as the list's ORDER BY, so a page is a short index scan.
    index("problems_board_top_idx").on(
      t.boardId,
      t.moderationState,
      t.voteCount.desc(),
      t.id.desc(),
    ),
    index("problems_board_new_idx").on(
      t.boardId,
      t.moderationState,
      t.createdAt.desc(),
      t.id.desc(),
    ),
    index("problems_workspace_state_idx").on(t.workspaceId, t.moderationState, t.createdAt),
    // The console's cross-tenant queue (held problems of every workspace, oldest first).
    index("problems_pending_created_idx")
      .on(t.createdAt)
      .where(sql`${t.moderationState} = 'pending'`),
    index("problems_author_idx").on(t.authorId),
    index("problems_search_idx").using("gin", t.search),
    index("problems_title_trgm_idx").using("gin", sql`${t.title} gin_trgm_ops`),
  ],
).enableRLS();

export const votes = pgTable(
  "votes",
  {
    problemId: text("problem_id")
      .notNull()
      .references(() => problems.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ...created,
  },
  (t) => [primaryKey({ columns: [t.problemId, t.userId] }), index("votes_user_idx").on(t.userId)],
).enableRLS();

export const comments = pgTable(
  "comments",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    problemId: text("problem_id")
      .notNull()
      .references(() => problems.id, { onDelete: "cascade" }),
    /** One level of threading: a reply points at a top-level comment. */
    parentId: text("parent_id"),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    moderationState: text("moderation_state", { enum: MODERATION_STATES })
      .notNull()
      .default("approved"),
    moderationReason: text("moderation_reason"),
    /** A member's official reply, shown first. */
    pinned: boolean("pinned").notNull().default(false),
    flagCount: integer("flag_count").notNull().default(0),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    ...created,
  },
  (t) => [
    index("comments_problem_idx").on(t.problemId, t.createdAt),
    index("comments_workspace_state_idx").on(t.workspaceId, t.moderationState),
    index("comments_pending_created_idx")
      .on(t.createdAt)
      .where(sql`${t.moderationState} = 'pending'`),
  ],
).enableRLS();

export const follows = pgTable(
  "follows",
  {
    problemId: text("problem_id")
      .notNull()
      .references(() => problems.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ...created,
  },
  (t) => [primaryKey({ columns: [t.problemId, t.userId] })],
).enableRLS();

/** The public timeline of a problem's status, with the optional note members wrote. */
export const statusChanges = pgTable(
  "problem_status_changes",
  {
    id: text("id").primaryKey(),
    problemId: text("problem_id")
      .notNull()
      .references(() => problems.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    fromStatus: text("from_status", { enum: PROBLEM_STATUSES }).notNull(),
    toStatus: text("to_status", { enum: PROBLEM_STATUSES }).notNull(),
    note: text("note"),
    ...created,
  },
  (t) => [index("problem_status_changes_problem_idx").on(t.problemId, t.createdAt)],
).enableRLS();

export const flags = pgTable(
  "flags",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    targetType: text("target_type", { enum: ["problem", "comment"] }).notNull(),
    targetId: text("target_id").notNull(),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    ...created,
  },
  (t) => [
    uniqueIndex("flags_target_reporter_key").on(t.targetType, t.targetId, t.reporterId),
    // The console's reported content across workspaces (open reports, newest first).
    index("flags_open_created_idx")
      .on(t.createdAt)
      .where(sql`${t.resolvedAt} is null`),
  ],
).enableRLS();

/** Every moderation decision: who did what to which content, when. Append-only. */
export const moderationActions = pgTable(
  "moderation_actions",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    note: text("note"),
    ...created,
  },
  (t) => [
    index("moderation_actions_workspace_idx").on(t.workspaceId, t.createdAt),
    // The console's spam sweeps across workspaces, newest first.
    index("moderation_actions_action_idx").on(t.action, t.createdAt),
  ],
).enableRLS();

export const workspaceBans = pgTable(
  "workspace_bans",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bannedBy: text("banned_by").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason"),
    ...created,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index("workspace_bans_created_idx").on(t.createdAt),
  ],
).enableRLS();

/** Per-workspace moderation settings: blocked words, link limit, flag threshold. */
export const moderationSettings = pgTable("moderation_settings", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  blockedWords: text("blocked_words")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  maxLinks: integer("max_links").notNull().default(3),
  flagThreshold: integer("flag_threshold").notNull().default(3),
}).enableRLS();

/**
 * Each board's search vocabulary: every word (English lexeme) of its published, unmerged problems
 * with how many problems use it, kept by a trigger on `problems` (migration
 * `…_problem_search_words.sql`). Search corrects a misspelt query word against it with a trigram
 * index before the full-text query runs; see docs/architecture.md "Search and sorting".
 */
export const problemSearchWords = pgTable(
  "problem_search_words",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    boardId: text("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    word: text("word").notNull(),
    problems: integer("problems").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.word] }),
    index("problem_search_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`),
  ],
).enableRLS();

export type Board = typeof boards.$inferSelect;
export type Problem = typeof problems.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type StatusChange = typeof statusChanges.$inferSelect;
