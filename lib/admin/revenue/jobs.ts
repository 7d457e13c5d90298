import { defineJob } from "@/lib/jobs/registry";
import { logger } from "@/lib/observability/logger";
import { refreshActivity } from "./activity";
import { rebuildRevenueRollups } from "./rollups";

/**
 * The revenue rollups' scheduled work (lib/jobs/schedules.ts):
 * - `revenue.activity` (hourly): sign-ups and weekly actives for yesterday and today, and any
 *   day missed since the last run.
 * - `revenue.rebuild` (nightly): recompute the revenue rollups from the whole history. Each
 *   history change already moves them in its own transaction; the rebuild is the safety net
 *   (and fills them the first time), and refreshes activity too.
 */

defineJob("revenue.activity", async () => {
  await refreshActivity();
});

defineJob("revenue.rebuild", async () => {
  const revenue = await rebuildRevenueRollups();
  const activity = await refreshActivity();
  logger.info(
    { revenueDays: revenue.days, activityDays: activity.days },
    "Revenue rollups rebuilt",
  );
});
