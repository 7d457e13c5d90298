// npm run db:seed – create the demo workspace, a member of each role and a platform admin.
// npm run db:seed -- --scale – also the benchmark data (lib/db/seed-scale.ts): a board with 10,000
// problems, 200,000 votes and 50,000 comments; 100,000 users, 20,000 workspaces with billing
// accounts and 1,000,000 subscription_history rows. Prints each part and how long it took.
import { connect } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { eq } from "drizzle-orm";
import { workspaces } from "@/lib/db/schema";
import { DEMO_WORKSPACE, demoSignInText, seedDemoData } from "@/lib/db/seed";
import { SCALE_BOARD, seedScaleData } from "@/lib/db/seed-scale";
import { openScriptDatabase } from "./lib/database-url";

const database = await openScriptDatabase();
const { db, sql } = connect(database.url, { embedded: database.embedded });
try {
  await runMigrations(database.url, { embedded: database.embedded });
  const { created } = await seedDemoData(db);
  console.log(created ? "Demo data created." : "Demo data already present.");
  if (process.argv.includes("--scale")) {
    const started = Date.now();
    const [workspace] = await db
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.slug, DEMO_WORKSPACE.slug));
    console.log(`Scale data (${database.embedded ? "embedded PGlite" : "PostgreSQL"}):`);
    const scale = await seedScaleData(db, workspace!.id, (line) => console.log(line));
    console.log(
      scale.created
        ? `Scale data created in ${((Date.now() - started) / 1000).toFixed(1)} s: /b/${DEMO_WORKSPACE.slug}/${SCALE_BOARD.slug}, /admin/users`
        : "Scale data already present.",
    );
  }
  console.log(demoSignInText(process.env.APP_URL ?? "http://localhost:3000"));
} catch (error) {
  console.error("Seeding failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await sql.end();
  await database.release();
}
