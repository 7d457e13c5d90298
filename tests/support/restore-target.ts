import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { createDatabase, dropDatabase } from "@/scripts/lib/create-database";

/**
 * An EMPTY database to restore into, on the same kind of server the test file runs on: a fresh
 * database on the PostgreSQL server (CI), or a second in-memory PGlite.
 */
export async function createRestoreTarget(): Promise<{ url: string; close(): Promise<void> }> {
  const server = process.env.TEST_DATABASE_SERVER_URL;
  if (server) {
    const url = await createDatabase(server, "pb_restore");
    return { url, close: () => dropDatabase(server, url) };
  }
  const database = await startEmbeddedDatabase();
  return { url: database.url, close: () => database.stop() };
}
