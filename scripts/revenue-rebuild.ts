// npm run revenue:rebuild – rebuild the revenue rollups (revenue_daily, revenue_daily_plans)
// from the subscription history and recompute the activity days (the backfill; the nightly
// `revenue.rebuild` job does the same). `--check` rebuilds nothing: it compares the dashboard's
// numbers from the rollups with a direct computation from the history and exits 1 if they differ.
// Runs against DATABASE_URL (or the embedded database of `npm run dev`).
import { openScriptDatabase } from "./lib/database-url";

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--check");
if (unknown.length > 0) {
  console.error(`Unknown option: ${unknown.join(" ")} (the only option is --check)`);
  process.exit(2);
}
const database = await openScriptDatabase();
process.env.DATABASE_URL = database.url;
process.env.DATABASE_EMBEDDED = database.embedded ? "1" : "0";
const { rebuildRevenueRollups } = await import("@/lib/admin/revenue/rollups");
const { refreshActivity } = await import("@/lib/admin/revenue/activity");
const { closeDatabase } = await import("@/lib/db");
try {
  if (args.includes("--check")) {
    const { computeRevenueDirect } = await import("@/lib/admin/revenue/compute-revenue-direct");
    const { readRevenueRollups } = await import("@/lib/admin/revenue/get-revenue-report");
    const asOf = new Date();
    const [direct, rolled] = await Promise.all([
      computeRevenueDirect({ asOf }),
      readRevenueRollups({ asOf }),
    ]);
    const strip = (report: typeof direct) => JSON.stringify({ ...report, activity: null });
    const same = strip(direct) === strip(rolled);
    console.log(
      same
        ? "The rollups equal the direct computation."
        : "The rollups DIFFER from the history: run npm run revenue:rebuild.",
    );
    if (!same) process.exitCode = 1;
  } else {
    const started = Date.now();
    const revenue = await rebuildRevenueRollups();
    const activity = await refreshActivity({ all: true });
    console.log(
      `Rebuilt ${revenue.days} revenue day(s) and ${activity.days} activity day(s) in ${Date.now() - started} ms.`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
  await database.release();
}
