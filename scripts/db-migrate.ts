// npm run db:migrate – apply pending migrations in supabase/migrations to DATABASE_URL.
import { runMigrations } from "@/lib/db/migrate";
import { resolveDatabaseUrl } from "./lib/database-url";

const { url, embedded } = resolveDatabaseUrl();
runMigrations(url, { embedded })
  .then(() => console.log("Migrations are up to date."))
  .catch((error: unknown) => {
    console.error("Migration failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
