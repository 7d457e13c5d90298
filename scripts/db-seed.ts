// npm run db:seed – create the demo workspace, a member of each role and a platform admin.
import { connect } from "@/lib/db/client";
import { demoSignInText, seedDemoData } from "@/lib/db/seed";
import { resolveDatabaseUrl } from "./lib/database-url";

const { url, embedded } = resolveDatabaseUrl();
const { db, sql } = connect(url, { embedded });
seedDemoData(db)
  .then(({ created }) => {
    console.log(created ? "Demo data created." : "Demo data already present.");
    console.log(demoSignInText(process.env.APP_URL ?? "http://localhost:3000"));
  })
  .catch((error: unknown) => {
    console.error("Seeding failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => sql.end());
