// npm run admin:grant -- <email> [--revoke] [--reason <text>] – make a user a platform admin (the
// /admin console), or with --revoke an ordinary user again, in DATABASE_URL (or the embedded
// database of a running `npm run dev`). Refuses an unknown email and demoting the last admin;
// every change goes into the audit trail. See docs/admin.md.
import { parseAdminGrantArgs } from "./lib/admin-grant-args";
import { openScriptDatabase } from "./lib/database-url";

const parsed = parseAdminGrantArgs(process.argv.slice(2));
if ("error" in parsed) {
  console.error(parsed.error);
  process.exit(2);
}

const database = await openScriptDatabase();
process.env.DATABASE_URL = database.url;
process.env.DATABASE_EMBEDDED = database.embedded ? "1" : "0";
const { setPlatformAdmin } = await import("@/lib/admin/platform-admins");
const { isAppError } = await import("@/lib/errors");
const { closeDatabase } = await import("@/lib/db");

try {
  const { change } = await setPlatformAdmin(parsed.email, !parsed.revoke, parsed.reason);
  console.log(
    change === "unchanged"
      ? `${parsed.email} is already ${parsed.revoke ? "not a platform admin" : "a platform admin"}.`
      : `${parsed.email} is ${change === "granted" ? "now a platform admin" : "no longer a platform admin"}.`,
  );
} catch (error) {
  console.error(isAppError(error) ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await closeDatabase();
  await database.release();
}
