// npm run backup – back up DATABASE_URL (or the embedded database) now: dump, gzip, encrypt with
// BACKUP_ENCRYPTION_KEY, store (Supabase Storage bucket `backups`, else BACKUP_DIR).
// npm run backup -- --list – the last 10 backups with size and duration.
// npm run backup -- --generate-key – print a new age secret key for BACKUP_ENCRYPTION_KEY.
// npm run backup -- --rekey – key rotation: re-encrypt every retained backup for
// BACKUP_ENCRYPTION_KEY, opening them with BACKUP_ENCRYPTION_KEY_PREVIOUS.
// See docs/runbooks/backups.md.
import { parseArgs } from "node:util";
import { formatAge, formatBytes, loadEnvironment, runCli } from "./lib/backup-cli";

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      list: { type: "boolean", default: false },
      "generate-key": { type: "boolean", default: false },
      rekey: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values["generate-key"]) {
    const { generateBackupKey } = await import("@/lib/backup/encryption");
    console.log(await generateBackupKey());
    return;
  }
  loadEnvironment();
  const { backupKeys, backupStore } = await import("@/lib/backup/config");
  const store = await backupStore();

  if (values.rekey) {
    const { current, all } = backupKeys();
    const { rekeyBackups } = await import("@/lib/backup/rekey-backups");
    console.log(`Re-encrypting the backups in ${store.description} for the current key:`);
    const result = await rekeyBackups({
      store,
      newKey: current,
      keys: all,
      log: (line) => console.log(line),
    });
    console.log(
      `${result.rekeyed.length} re-encrypted, ${result.skipped.length} already on the current key. ` +
        "Remove BACKUP_ENCRYPTION_KEY_PREVIOUS now.",
    );
    return;
  }

  if (values.list) {
    const manifests = (await store.list()).slice(0, 10);
    if (manifests.length === 0) {
      console.log(`No backups in ${store.description}.`);
      return;
    }
    console.log(`Last ${manifests.length} backups in ${store.description}:`);
    for (const m of manifests) {
      const rows = m.tables.reduce((sum, t) => sum + t.rows, 0);
      console.log(
        `${m.id}  ${m.createdAt}  ${formatBytes(m.size).padStart(10)}  ${(m.durationMs / 1000).toFixed(1).padStart(6)} s  ` +
          `${rows} rows  migrations ${m.migrations.count}  ${formatAge(Date.now() - Date.parse(m.createdAt))} ago`,
      );
    }
    return;
  }

  const { current } = backupKeys();
  const { openScriptDatabase } = await import("./lib/database-url");
  const database = await openScriptDatabase();
  try {
    const { createBackup } = await import("@/lib/backup/create-backup");
    const manifest = await createBackup({
      databaseUrl: database.url,
      store,
      encryptionKey: current,
    });
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Backup ${manifest.id}: ${rows} rows in ${manifest.tables.length} tables, ` +
        `${formatBytes(manifest.rawBytes)} dumped → ${formatBytes(manifest.size)} stored in ` +
        `${store.description}, ${(manifest.durationMs / 1000).toFixed(1)} s.`,
    );
  } finally {
    await database.release();
  }
});
