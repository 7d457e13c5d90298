import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";
import { createDatabase, dropDatabase } from "@/scripts/lib/create-database";

export interface TestDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a uniquely named database on the PostgreSQL
 * server of TEST_DATABASE_URL / DATABASE_URL when set, otherwise an in-memory PGlite.
 * With REQUIRE_SERVICES=1 (CI) the fallback is refused, so CI always tests real PostgreSQL.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (server) {
    const url = await createDatabase(server, "pb_test");
    await runMigrations(url);
    return { url, embedded: false, close: () => dropDatabase(server, url) };
  }
  if (process.env.REQUIRE_SERVICES === "1") {
    throw new Error(
      "REQUIRE_SERVICES=1 but neither TEST_DATABASE_URL nor DATABASE_URL is set: " +
        "integration tests would run on PGlite instead of PostgreSQL.",
    );
  }
  const database = await startEmbeddedDatabase();
  await runMigrations(database.url, { embedded: true });
  return { url: database.url, embedded: true, close: () => database.stop() };
}
