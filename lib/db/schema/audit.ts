import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * Who acted: a signed-in `user`, an `api_key`, the `system` (webhooks, jobs, reconciliation), or
 * an `admin` acting as a user through impersonation (actor_id is then the impersonated user and
 * impersonator_id the platform admin).
 */
export const AUDIT_ACTOR_TYPES = ["user", "api_key", "system", "admin"] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/**
 * The audit trail (lib/audit): append-only, refused UPDATE / DELETE / TRUNCATE by a trigger (see
 * the audit_log migration), and hash-chained per workspace so an edit, a deleted row or a reorder
 * is found by `npm run audit:verify`.
 *
 * workspace_id has no foreign key on purpose: the log outlives the workspace (deleting a
 * workspace must not delete or rewrite its history, and SET NULL would be an UPDATE the trigger
 * refuses). Account-level events (sign-in, password) have no workspace and chain in the global
 * chain (workspace_id null). actor_id / target_id are plain ids for the same reason.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    /** Append order; within one chain it is the chain's order. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    workspaceId: text("workspace_id"),
    actorType: text("actor_type").$type<AuditActorType>().notNull(),
    /** Null only when nobody is known (a failed sign-in for an unknown address). */
    actorId: text("actor_id"),
    impersonatorId: text("impersonator_id"),
    /** `<area>.<verb>`, e.g. `auth.sign_in`, `member.role_changed`. */
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    /** Set by the application (it is part of the hashed content), always UTC. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** Extra facts about the event; never secrets (no passwords, tokens, keys). */
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("audit_log_seq_idx").on(t.seq),
    index("audit_log_chain_idx").on(t.workspaceId, t.seq),
    // A user's page in the operator console: what they did, and what was done to them.
    index("audit_log_actor_idx").on(t.actorId, t.seq),
    index("audit_log_target_idx").on(t.targetId, t.seq),
    // Two rows claiming the same predecessor would fork the chain: refused outright.
    unique("audit_log_chain_link_unique").on(t.workspaceId, t.prevHash).nullsNotDistinct(),
    check(
      "audit_log_actor_type_check",
      sql`${t.actorType} in ('user', 'api_key', 'system', 'admin')`,
    ),
  ],
).enableRLS();

export type AuditLogRow = typeof auditLog.$inferSelect;
