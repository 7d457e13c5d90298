// Runs before each integration test file: give it its own migrated database, and point the app's
// DATABASE_URL at it before any app module reads the environment.
import { afterAll } from "vitest";
import { createTestDatabase } from "./database";

const database = await createTestDatabase();
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
process.env.TEST_DATABASE_SERVER_URL = serverUrl ?? "";
process.env.DATABASE_URL = database.url;
process.env.DATABASE_EMBEDDED = database.embedded ? "1" : "0";

afterAll(async () => {
  const { closeDatabase } = await import("@/lib/db");
  await closeDatabase();
  await database.close();
});
