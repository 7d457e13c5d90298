import { bigint, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users, workspaces } from "./auth";
import { problems } from "./boards";

/**
 * Images attached to problems. The bytes live in the private `attachments` bucket
 * (lib/storage) under `<workspace id>/<attachment id>.<ext>` and `…-thumb.webp`; pages show them
 * through /api/attachments/<id>, which checks the viewer may see the problem and redirects to a
 * signed URL that expires within a minute. Deleting the problem deletes the rows (cascade) and,
 * through a retried job queued in the same transaction, the files.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    problemId: text("problem_id")
      .notNull()
      .references(() => problems.id, { onDelete: "cascade" }),
    uploaderId: text("uploader_id").references(() => users.id, { onDelete: "set null" }),
    objectPath: text("object_path").notNull(),
    thumbPath: text("thumb_path").notNull(),
    contentType: text("content_type").notNull(),
    /** Bytes stored for it (image and thumbnail): what counts against the storage quota. */
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    alt: text("alt").notNull().default(""),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("attachments_problem_idx").on(t.problemId, t.position),
    index("attachments_workspace_idx").on(t.workspaceId),
  ],
).enableRLS();

/**
 * Storage in use per workspace, in bytes, against the plan's quota. Changed only by a conditional
 * upsert in the same transaction as the attachment rows (lib/attachments/storage-quota.ts), so at
 * the limit exactly one of many concurrent uploads wins.
 */
export const storageUsage = pgTable("storage_usage", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
}).enableRLS();

export type Attachment = typeof attachments.$inferSelect;
