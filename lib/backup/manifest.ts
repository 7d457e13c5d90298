import { z } from "zod";

/** What every stored backup carries beside its encrypted file (`<id>.json`). */
export const tableStatsSchema = z.object({
  name: z.string(),
  rows: z.number().int().nonnegative(),
  /** Order-independent sum of per-row MD5s over the table's stored columns (./table-stats.ts). */
  checksum: z.string(),
});

export const manifestSchema = z.object({
  id: z.string().regex(/^bk_\d{8}T\d{6}Z_[0-9a-f]{6}$/),
  format: z.literal(1),
  createdAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  appVersion: z.string(),
  source: z.string(),
  migrations: z.object({
    count: z.number().int().nonnegative(),
    /** The latest applied migration's tag (file name without .sql), when the code knows it. */
    latest: z.string().nullable(),
    applied: z.array(z.object({ hash: z.string(), createdAt: z.number() })),
  }),
  tables: z.array(tableStatsSchema),
  /** Bytes of the dump before compression, and of the encrypted file. */
  rawBytes: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  encryption: z.object({ scheme: z.literal("age-x25519"), recipient: z.string() }),
  compression: z.literal("gzip"),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type TableStats = z.infer<typeof tableStatsSchema>;

export const BACKUP_ID = /^bk_\d{8}T\d{6}Z_[0-9a-f]{6}$/;

/** `bk_20261205T004040Z_3fa9c1`: sortable by time, unique by the random tail. */
export function backupId(at: Date, random: string): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
  return `bk_${stamp}_${random}`;
}
