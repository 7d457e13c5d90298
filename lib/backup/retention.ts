import type { BackupManifest } from "./manifest";

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** Every backup of the last 48 hours, one a day for 30 days, one a month for 12 months. */
export const RETENTION = {
  keepAllMs: 48 * HOUR_MS,
  dailyMs: 30 * DAY_MS,
  monthlyMs: 365 * DAY_MS,
} as const;

/**
 * The backups retention no longer keeps. The newest backup of each UTC day (within 30 days) and
 * of each UTC month (within 12 months) stays; the newest backup overall always stays, however
 * old, so pruning can never leave nothing to restore (when backups have been failing for days).
 */
export function expiredBackups(manifests: BackupManifest[], now: Date): BackupManifest[] {
  const newestFirst = [...manifests].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set<string>();
  const days = new Set<string>();
  const months = new Set<string>();
  for (const [index, manifest] of newestFirst.entries()) {
    const at = new Date(manifest.createdAt);
    const age = now.getTime() - at.getTime();
    const day = manifest.createdAt.slice(0, 10);
    const month = manifest.createdAt.slice(0, 7);
    if (index === 0 || age <= RETENTION.keepAllMs) keep.add(manifest.id);
    if (age <= RETENTION.dailyMs && !days.has(day)) {
      days.add(day);
      keep.add(manifest.id);
    }
    if (age <= RETENTION.monthlyMs && !months.has(month)) {
      months.add(month);
      keep.add(manifest.id);
    }
  }
  return newestFirst.filter((manifest) => !keep.has(manifest.id));
}
