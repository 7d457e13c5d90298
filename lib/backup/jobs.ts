import { and, eq, sql } from "drizzle-orm";
import { PLATFORM_ADMIN_ROLE } from "@/lib/admin/require-platform-admin";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { defineJob, type JobContext } from "@/lib/jobs/registry";
import { logger } from "@/lib/observability/logger";
import { reportError } from "@/lib/observability/report-error";
import { backupKeys, backupsConfigured, backupStore } from "./config";
import { createBackup } from "./create-backup";
import { expiredBackups } from "./retention";

const formatTime = (date: Date) =>
  `${date.toLocaleString("en-US", {
    dateStyle: "long",
    timeStyle: "short",
    hourCycle: "h23",
    timeZone: "UTC",
  })} UTC`;

/**
 * Email the platform admins that the backup gave up. At most one email per failure streak: the
 * idempotency key names the newest good backup, which stays the same until a backup succeeds, so
 * the retries and the next scheduled runs that fail too send nothing more. Never throws (the
 * backup's own error is what the queue records).
 */
export async function alertBackupFailure(error: unknown, attempts: number): Promise<number> {
  try {
    const latest = await (await backupStore()).latest().catch(() => null);
    const streak = latest?.id ?? "none";
    const admins = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        and(eq(users.role, PLATFORM_ADMIN_ROLE), sql`coalesce(${users.banned}, false) = false`),
      );
    if (admins.length === 0) {
      logger.warn("Backup failed and there is no platform admin to email");
      return 0;
    }
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
    let sent = 0;
    for (const admin of admins) {
      const result = await sendEmail(
        "backup-failed",
        admin.email,
        {
          failedAt: formatTime(clockNow()),
          attempts: String(attempts),
          error: message.length > 300 ? `${message.slice(0, 299)}…` : message,
          lastBackup: latest
            ? `${latest.id} (${formatTime(new Date(latest.createdAt))})`
            : "none (no backup has ever succeeded)",
          healthUrl: new URL("/admin/health", env.APP_URL).toString(),
        },
        { idempotencyKey: `backup-failed:${streak}:${admin.id}` },
      );
      if (!result.duplicate) sent++;
    }
    return sent;
  } catch (alertError) {
    reportError(alertError, { tags: { job: "backup.run", step: "alert-email" } });
    return 0;
  }
}

/**
 * Every 6 hours (lib/jobs/schedules.ts): back up the app's database. A failure is reported to
 * Sentry on every attempt and retried by the queue (lib/jobs/types.ts); once the last attempt
 * fails, the platform admins get one email (per failure streak, see alertBackupFailure). It never
 * deletes anything, so the older good backups stay whatever happens. Without
 * BACKUP_ENCRYPTION_KEY the run does nothing (backups not configured; the readiness check says so).
 */
export async function runScheduledBackup(
  _payload: Record<string, never> = {},
  context?: JobContext,
): Promise<void> {
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
    // The queue gives up after this attempt: tell the operators (once per streak).
    if (context && context.job.attempts >= context.job.maxAttempts) {
      await alertBackupFailure(error, context.job.attempts);
    }
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
