// npm run backup:verify – the restore drill: back up DATABASE_URL (or the embedded database),
// restore the backup into a scratch database (a new database on the same PostgreSQL server, or an
// in-memory PGlite), compare every table's row count and checksum, print RPO and RTO, drop the
// scratch database. Exits 1 on any difference. CI runs it on every run (.ci/run).
import { formatAge, formatBytes, loadEnvironment, runCli } from "./lib/backup-cli";

await runCli(async () => {
  loadEnvironment();
  const { backupKeys, backupStore } = await import("@/lib/backup/config");
  const { createBackup } = await import("@/lib/backup/create-backup");
  const { restoreBackup } = await import("@/lib/backup/restore-backup");
  const { startEmbeddedDatabase } = await import("@/lib/db/embedded");
  const { createDatabase, dropDatabase } = await import("./lib/create-database");
  const { openScriptDatabase } = await import("./lib/database-url");

  const keys = backupKeys();
  const store = await backupStore();
  const previous = (await store.list())[0];
  const source = await openScriptDatabase();
  try {
    const manifest = await createBackup({
      databaseUrl: source.url,
      store,
      encryptionKey: keys.current,
    });
    console.log(
      `Backup ${manifest.id}: ${formatBytes(manifest.size)} in ${(manifest.durationMs / 1000).toFixed(1)} s`,
    );
    const scratch = source.embedded
      ? await startEmbeddedDatabase().then((db) => ({ url: db.url, drop: () => db.stop() }))
      : await createDatabase(source.url, "pb_drill").then((url) => ({
          url,
          drop: () => dropDatabase(source.url, url),
        }));
    try {
      const result = await restoreBackup({
        store,
        backup: manifest.id,
        targetUrl: scratch.url,
        keys: keys.all,
      });
      for (const table of result.tables) {
        console.log(`  ok  ${table.name.padEnd(32)} ${String(table.rows).padStart(9)} rows`);
      }
      console.log(
        `Drill passed: ${result.tables.length} tables restored with identical counts and checksums.`,
      );
      console.log(
        `RPO: ${previous ? `the latest backup before this drill was ${formatAge(Date.now() - Date.parse(previous.createdAt))} old (${previous.id})` : "no earlier backup existed"}; scheduled target ≤ 6 h.`,
      );
      console.log(
        `RTO: restore took ${(result.durationMs / 1000).toFixed(1)} s (verify ${(result.phases.verifyMs / 1000).toFixed(1)} s, load + check ${(result.phases.loadMs / 1000).toFixed(1)} s).`,
      );
    } finally {
      await scratch.drop();
    }
  } finally {
    await source.release();
  }
});
