// npm run restore -- <backup id | latest> --into <database url> [--force] [--confirm <name>]
// Verifies the SHA-256 and the key, then restores into an EMPTY database in one transaction
// (schema from the migrations at the backup's level, data, counts and checksums checked, newer
// migrations applied). Refuses a non-empty target unless --force, and the live DATABASE_URL unless
// --confirm <its database name>. See docs/runbooks/disaster-recovery.md.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatBytes, loadEnvironment, runCli } from "./lib/backup-cli";

await runCli(async () => {
  const { BackupError } = await import("@/lib/backup/errors");
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        into: { type: "string" },
        force: { type: "boolean", default: false },
        confirm: { type: "string" },
      },
      strict: true,
    });
  } catch (error) {
    throw new BackupError("bad_arguments", (error as Error).message);
  }
  const { values, positionals } = parsed;
  const usage =
    "usage: npm run restore -- <backup id | latest> --into <postgres://…> [--force] [--confirm <database name>]";
  if (positionals.length !== 1) {
    throw new BackupError("bad_arguments", `backup: give one backup id or "latest"\n${usage}`);
  }
  const into = values.into;
  if (!into || !URL.canParse(into) || !/^postgres(ql)?:$/.test(new URL(into).protocol)) {
    throw new BackupError(
      "bad_arguments",
      `--into: must be a postgres:// URL of the target database\n${usage}`,
    );
  }
  loadEnvironment();
  const { backupKeys, backupStore } = await import("@/lib/backup/config");
  const { restoreBackup } = await import("@/lib/backup/restore-backup");
  const keys = backupKeys();
  const result = await restoreBackup({
    store: await backupStore(),
    backup: positionals[0]!,
    targetUrl: into,
    keys: keys.all,
    force: values.force,
    liveUrl: process.env.DATABASE_URL ?? runningEmbeddedUrl(),
    confirm: values.confirm,
    log: (line) => console.log(line),
  });
  const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
  console.log(
    `Restored ${result.manifest.id} (${result.manifest.createdAt}, ${formatBytes(result.manifest.size)}): ` +
      `${rows} rows in ${result.tables.length} tables, every count and checksum matches, in ` +
      `${(result.durationMs / 1000).toFixed(1)} s.` +
      (result.newerMigrationsApplied.length
        ? ` Then applied ${result.newerMigrationsApplied.length} newer migration(s).`
        : ""),
  );
});

/** Without DATABASE_URL the live database is the embedded one a running `npm run dev` serves. */
function runningEmbeddedUrl(): string | undefined {
  try {
    return fs.readFileSync(path.join(process.cwd(), ".data", "database-url"), "utf8").trim();
  } catch {
    return undefined;
  }
}
