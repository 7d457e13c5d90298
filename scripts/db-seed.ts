// npm run db:seed – create the demo workspace, a member of each role and a platform admin.
// npm run db:seed -- --scale – also a board with 10,000 problems, 200,000 votes, 50,000 comments.
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
    const scale = await seedScaleData(db, workspace!.id);
    console.log(
      scale.created
        ? `Scale data created in ${((Date.now() - started) / 1000).toFixed(1)} s: /b/${DEMO_WORKSPACE.slug}/${SCALE_BOARD.slug}`
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
