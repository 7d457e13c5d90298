import { sql } from "drizzle-orm";
import {
  jsonb,
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * Tables owned by Better Auth (user, session, account, verification, organization, member,
 * invitation, rate limit). Field names follow Better Auth's model; table and column names are
 * ours (snake_case, plural). lib/auth/auth.ts maps Better Auth's models onto these tables.
 *
 * A Better Auth "organization" is a Problemboard workspace.
 */

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    /** Platform role (Better Auth admin plugin): "admin" for Problemboard operators, else "user". */
    role: text("role").default("user"),
    banned: boolean("banned").default(false),
    banReason: text("ban_reason"),
    banExpires: timestamp("ban_expires", { withTimezone: true }),
    /** The workspace the user last switched to; new sessions open in it. */
    lastWorkspaceId: text("last_workspace_id"),
    /**
     * The cookie-consent choice (`{ analytics, marketing, at }`), kept for signed-in users so it
     * follows them to a new browser; visitors have only the `pb_consent` cookie.
     */
    cookieConsent: jsonb("cookie_consent").$type<{
      analytics: boolean;
      marketing: boolean;
      at: string;
    }>(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    // Operator console (lib/admin/search-users.ts): email prefix, name contains, newest first.
    index("users_email_prefix_idx").using("btree", sql`lower(${t.email}) text_pattern_ops`),
    index("users_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
    index("users_created_at_idx").on(t.createdAt, t.id),
  ],
).enableRLS();

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    activeOrganizationId: text("active_workspace_id"),
    impersonatedBy: text("impersonated_by"),
    /**
     * When the holder last re-entered their password (the console's fresh-session check for
     * sensitive actions, lib/admin/fresh-session.ts). Not a Better Auth field.
     */
    reauthenticatedAt: timestamp("reauthenticated_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
).enableRLS();

export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    ...timestamps,
  },
  (t) => [
    index("accounts_user_id_idx").on(t.userId),
    uniqueIndex("accounts_provider_account_key").on(t.providerId, t.accountId),
  ],
).enableRLS();

export const verifications = pgTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (t) => [index("verifications_identifier_idx").on(t.identifier)],
).enableRLS();

export const workspaces = pgTable(
  "workspaces",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    slug: text("slug").notNull().unique(),
    logo: text("logo"),
    metadata: text("metadata"),
    /** The workspace created with the user at sign-up (see the users trigger in migrations). */
    personal: boolean("personal").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The operator console's workspace list: newest first, by name (contains), by address (prefix).
  (t) => [
    index("workspaces_created_at_idx").on(t.createdAt, t.id),
    index("workspaces_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
    index("workspaces_slug_prefix_idx").using("btree", sql`${t.slug} text_pattern_ops`),
  ],
).enableRLS();

export const members = pgTable(
  "members",
  {
    id: text("id").primaryKey(),
    organizationId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull().default("member"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("members_workspace_user_key").on(t.organizationId, t.userId),
    index("members_user_id_idx").on(t.userId),
  ],
).enableRLS();

export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    organizationId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role"),
    status: text("status").notNull().default("pending"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    inviterId: text("inviter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("invitations_workspace_id_idx").on(t.organizationId)],
).enableRLS();

/** Better Auth's request limiter state (sign-in, sign-up, password reset). */
export const rateLimits = pgTable("rate_limits", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
}).enableRLS();

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Workspace = typeof workspaces.$inferSelect;
export type Member = typeof members.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
