// npm run db:migrate – apply pending migrations in supabase/migrations to DATABASE_URL (or to the
// embedded database when DATABASE_URL is not set).
import { runMigrations } from "@/lib/db/migrate";
import { openScriptDatabase } from "./lib/database-url";

const database = await openScriptDatabase();
try {
  await runMigrations(database.url, { embedded: database.embedded });
  console.log("Migrations are up to date.");
} catch (error) {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.release();
}
