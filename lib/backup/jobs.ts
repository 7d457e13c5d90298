import { now as clockNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { defineJob } from "@/lib/jobs/registry";
import { logger } from "@/lib/observability/logger";
import { reportError } from "@/lib/observability/report-error";
import { backupKeys, backupsConfigured, backupStore } from "./config";
import { createBackup } from "./create-backup";
import { expiredBackups } from "./retention";

/**
 * Every 6 hours (lib/jobs/schedules.ts): back up the app's database. A failure is reported to
 * Sentry on every attempt and retried by the queue (lib/jobs/types.ts); it never deletes
 * anything, so the older good backups stay whatever happens. Without BACKUP_ENCRYPTION_KEY the
 * run does nothing (backups not configured; the readiness check says so).
 */
export async function runScheduledBackup(): Promise<void> {
  if (!backupsConfigured()) {
    logger.info("Scheduled backup skipped: BACKUP_ENCRYPTION_KEY is not set");
    return;
  }
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  try {
    const manifest = await createBackup({
      databaseUrl: env.DATABASE_URL,
      store: await backupStore(),
      encryptionKey: backupKeys().current,
    });
    logger.info(
      { backup: { id: manifest.id, size: manifest.size, durationMs: manifest.durationMs } },
      `Backup ${manifest.id} stored`,
    );
  } catch (error) {
    reportError(error, { tags: { job: "backup.run" }, fingerprint: ["backup-failed"] });
    throw error;
  }
}

/** Daily: delete what the retention policy (./retention.ts) no longer keeps. */
export async function pruneBackups(now = clockNow()): Promise<string[]> {
  if (!backupsConfigured()) return [];
  const store = await backupStore();
  const expired = expiredBackups(await store.list(), now);
  for (const manifest of expired) await store.remove(manifest.id);
  if (expired.length > 0) {
    logger.info({ removed: expired.map((m) => m.id) }, `Pruned ${expired.length} old backup(s)`);
  }
  return expired.map((manifest) => manifest.id);
}

defineJob("backup.run", runScheduledBackup);
defineJob("backup.prune", async () => {
  await pruneBackups();
});
