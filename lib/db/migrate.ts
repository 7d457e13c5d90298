import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connect } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "supabase", "migrations");

/**
 * Apply every pending migration under supabase/migrations. Safe to run twice and from two
 * processes at once: applied migrations are recorded, and a session advisory lock serialises
 * concurrent runners (use the direct or session-pooler URL, not the transaction pooler).
 */
export async function runMigrations(url: string, options: { embedded?: boolean } = {}) {
  const { db, sql } = connect(url, { embedded: options.embedded, max: 1 });
  try {
    await sql`select pg_advisory_lock(727274)`;
    try {
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER, migrationsSchema: "drizzle" });
    } finally {
      await sql`select pg_advisory_unlock(727274)`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
