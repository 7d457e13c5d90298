import fs from "node:fs";
import path from "node:path";
import { readMigrationFiles, type MigrationMeta } from "drizzle-orm/migrator";
import type postgres from "postgres";
import { MIGRATIONS_FOLDER } from "@/lib/db/migrate";
import { BackupError } from "./errors";
import type { BackupManifest } from "./manifest";

type Sql = postgres.Sql | postgres.TransactionSql;

export interface CodeMigration extends MigrationMeta {
  tag: string;
}

/** The migrations this code ships, oldest first, with their tags from the journal. */
export function codeMigrations(folder = MIGRATIONS_FOLDER): CodeMigration[] {
  const journal = JSON.parse(
    fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8"),
  ) as { entries: { tag: string }[] };
  return readMigrationFiles({ migrationsFolder: folder }).map((meta, index) => ({
    ...meta,
    tag: journal.entries[index]?.tag ?? `#${index}`,
  }));
}

/** What the database says it has applied (drizzle's own ledger). */
export async function appliedMigrations(sql: Sql): Promise<{ hash: string; createdAt: number }[]> {
  const [exists] = await sql.unsafe<{ exists: boolean }[]>(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as exists",
  );
  if (!exists?.exists) return [];
  const rows = await sql.unsafe<{ hash: string; created_at: string }[]>(
    "select hash, created_at::text from drizzle.__drizzle_migrations order by created_at, id",
  );
  return rows.map((row) => ({ hash: row.hash, createdAt: Number(row.created_at) }));
}

/**
 * Split the code's migrations into those the backup's schema already had and the newer ones to
 * apply after loading. Refuses a backup whose schema this code does not know (made by a newer
 * version, or by a branch whose migrations differ).
 */
export function planMigrations(manifest: BackupManifest, code = codeMigrations()) {
  const applied = manifest.migrations.applied;
  for (const [index, migration] of applied.entries()) {
    const known = code[index];
    if (!known || known.folderMillis !== migration.createdAt || known.hash !== migration.hash) {
      const newest = code.at(-1);
      throw new BackupError(
        "newer_schema",
        `Backup ${manifest.id} has a schema this code does not know: its migration #${index + 1} ` +
          `(${manifest.migrations.latest ?? "unknown"}, applied at level ${applied.length}) is not ` +
          `migration #${index + 1} of this code (latest here: ${newest?.tag ?? "none"}). ` +
          `Restore it with the version of the app that made it (app ${manifest.appVersion}).`,
      );
    }
  }
  return { atLevel: code.slice(0, applied.length), newer: code.slice(applied.length) };
}

/** Apply migrations inside the caller's transaction, recording them as drizzle's migrator does. */
export async function applyMigrations(sql: Sql, migrations: CodeMigration[]) {
  await sql.unsafe("create schema if not exists drizzle");
  await sql.unsafe(
    "create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)",
  );
  for (const migration of migrations) {
    for (const statement of migration.sql) {
      if (statement.trim()) await sql.unsafe(statement);
    }
    await sql.unsafe(
      "insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)",
      [migration.hash, migration.folderMillis],
    );
  }
}
