// npm run db:seed – create the demo workspace, a member of each role and a platform admin.
import { connect } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { demoSignInText, seedDemoData } from "@/lib/db/seed";
import { openScriptDatabase } from "./lib/database-url";

const database = await openScriptDatabase();
const { db, sql } = connect(database.url, { embedded: database.embedded });
try {
  await runMigrations(database.url, { embedded: database.embedded });
  const { created } = await seedDemoData(db);
  console.log(created ? "Demo data created." : "Demo data already present.");
  console.log(demoSignInText(process.env.APP_URL ?? "http://localhost:3000"));
} catch (error) {
  console.error("Seeding failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await sql.end();
  await database.release();
}
