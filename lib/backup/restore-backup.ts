import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import readline from "node:readline";
import type { Readable } from "node:stream";
import type postgres from "postgres";
import zlib from "node:zlib";
import { connect } from "@/lib/db/client";
import { decryptStream } from "./encryption";
import { chain } from "./streams";
import { BackupError } from "./errors";
import type { BackupManifest, TableStats } from "./manifest";
import { applyMigrations, planMigrations } from "./migration-level";
import type { BackupStore } from "./store";
import { listTables, pinSessionFormat, quoteIdent, storedColumns, tableStats } from "./table-stats";

/** Rows (or bytes of row text) per INSERT while loading. */
const LOAD_BATCH_ROWS = 2_000;
const LOAD_BATCH_BYTES = 4 * 1024 * 1024;

export interface RestoreOptions {
  store: BackupStore;
  /** A backup id or `latest`. */
  backup: string;
  targetUrl: string;
  /** The current key first; the previous one during a rotation. */
  keys: string[];
  /** Wipe a non-empty target first. */
  force?: boolean;
  /** The app's own DATABASE_URL: restoring into it needs `confirm` = its database name. */
  liveUrl?: string;
  confirm?: string;
  /** Progress lines for the operator. */
  log?: (line: string) => void;
}

export interface RestoreResult {
  manifest: BackupManifest;
  tables: TableStats[];
  newerMigrationsApplied: string[];
  durationMs: number;
  phases: { verifyMs: number; loadMs: number };
}

export async function findBackup(store: BackupStore, backup: string): Promise<BackupManifest> {
  const manifests = await store.list();
  const manifest = backup === "latest" ? manifests[0] : manifests.find((m) => m.id === backup);
  if (!manifest) {
    throw new BackupError(
      "unknown_backup",
      backup === "latest"
        ? `There is no backup in ${store.description} yet.`
        : `There is no backup "${backup}" in ${store.description} (npm run backup -- --list shows them).`,
    );
  }
  return manifest;
}

function sameDatabase(a: string, b: string): boolean {
  const x = new URL(a);
  const y = new URL(b);
  const port = (u: URL) => u.port || "5432";
  const host = (u: URL) => (u.hostname === "localhost" ? "127.0.0.1" : u.hostname);
  return host(x) === host(y) && port(x) === port(y) && x.pathname === y.pathname;
}

export async function sha256OfFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest("hex"), size };
}

async function openPlaintext(file: string, keys: string[]): Promise<Readable> {
  const decrypted = await decryptStream(fs.createReadStream(file), keys);
  return chain(decrypted, zlib.createGunzip());
}

function corrupt(manifest: BackupManifest, error: unknown): BackupError {
  const message = error instanceof Error ? error.message : String(error);
  return new BackupError(
    "corrupt",
    `Backup ${manifest.id} could not be read to the end (${message}); nothing was restored.`,
  );
}

/** A PostgreSQL error (postgres.js PostgresError) rather than a fault of the backup file. */
function isDatabaseError(error: unknown): boolean {
  return error instanceof Error && (error.name === "PostgresError" || "severity" in error);
}

/**
 * Restore a backup into an empty database, all or nothing: the SHA-256 of the file and the key
 * are checked before the target is touched, then the schema (the migrations at the backup's
 * level), the data, the counts and checksums, and the newer migrations run in ONE transaction,
 * so any failure leaves the target exactly as it was.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const manifest = await findBackup(options.store, options.backup);
  const plan = planMigrations(manifest);

  const targetName = decodeURIComponent(new URL(options.targetUrl).pathname.slice(1));
  if (options.liveUrl && sameDatabase(options.liveUrl, options.targetUrl)) {
    if (options.confirm !== targetName) {
      throw new BackupError(
        "live_database",
        `The target is the live database (DATABASE_URL). Restoring into it replaces production data; ` +
          `if that is really what you want, add --confirm ${targetName}${options.force ? "" : " --force"}.`,
      );
    }
  }

  const scratch = fs.mkdtempSync(`${os.tmpdir()}/pb-restore-`);
  const file = await options.store.fetchFile(manifest.id, scratch);
  try {
    // 1. The file is the one the backup wrote.
    const actual = await sha256OfFile(file.path);
    if (actual.sha256 !== manifest.sha256 || actual.size !== manifest.size) {
      throw new BackupError(
        "checksum_mismatch",
        `Backup ${manifest.id} is damaged or was modified: SHA-256 ${actual.sha256.slice(0, 12)}… ` +
          `(${actual.size} bytes) does not match the manifest's ${manifest.sha256.slice(0, 12)}… ` +
          `(${manifest.size} bytes). Nothing was restored; use another backup.`,
      );
    }
    // 2. The key opens it (fails on the header, before any data).
    (await openPlaintext(file.path, options.keys)).destroy();
    const verifyMs = Math.round(performance.now() - started);
    log(`Verified ${manifest.id} (${manifest.size} bytes, SHA-256 ok, key ok) in ${verifyMs} ms`);

    const { sql } = connect(options.targetUrl, { embedded: true });
    const loadStarted = performance.now();
    try {
      const tables = await sql.begin(async (tx) => {
        await pinSessionFormat(tx);
        const existing = await listTables(tx);
        const [ledger] = await tx.unsafe<{ exists: boolean }[]>(
          "select to_regclass('drizzle.__drizzle_migrations') is not null as exists",
        );
        if (existing.length > 0 || ledger?.exists) {
          if (!options.force) {
            throw new BackupError(
              "target_not_empty",
              `The target database "${targetName}" is not empty (${existing.length} tables). ` +
                `Restore into an empty database, or add --force to replace everything in it.`,
            );
          }
          log(`Wiping the target (${existing.length} tables; --force)`);
          await tx.unsafe("drop schema if exists drizzle cascade");
          await tx.unsafe("drop schema public cascade");
          await tx.unsafe("create schema public");
          await tx.unsafe("grant usage on schema public to public");
        }

        await applyMigrations(tx, plan.atLevel);
        // Foreign keys go while loading (tables arrive in name order) and come back validated.
        const foreignKeys = await tx.unsafe<{ table: string; name: string; definition: string }[]>(
          `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
           from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
        );
        for (const fk of foreignKeys) {
          await tx.unsafe(`alter table ${fk.table} drop constraint ${quoteIdent(fk.name)}`);
        }
        const loaded = await loadDump(
          tx,
          await openPlaintext(file.path, options.keys),
          manifest,
          log,
        );
        for (const fk of foreignKeys) {
          await tx.unsafe(
            `alter table ${fk.table} add constraint ${quoteIdent(fk.name)} ${fk.definition}`,
          );
        }

        // 3. What PostgreSQL now holds is what the backup counted.
        const restored: TableStats[] = [];
        for (const name of await listTables(tx)) {
          restored.push(await tableStats(tx, name, await storedColumns(tx, name)));
        }
        const differences = compareStats(manifest.tables, restored);
        if (differences.length > 0 || loaded !== manifest.tables.length) {
          throw new BackupError(
            "verification_failed",
            `The restored data differs from backup ${manifest.id}: ${differences.join("; ") || "tables missing from the dump"}. Nothing was restored.`,
          );
        }
        if (plan.newer.length > 0) {
          log(
            `Applying ${plan.newer.length} newer migration(s): ${plan.newer.map((m) => m.tag).join(", ")}`,
          );
          await applyMigrations(tx, plan.newer);
        }
        return restored;
      });
      const loadMs = Math.round(performance.now() - loadStarted);
      return {
        manifest,
        tables,
        newerMigrationsApplied: plan.newer.map((m) => m.tag),
        durationMs: Math.round(performance.now() - started),
        phases: { verifyMs, loadMs },
      };
    } catch (error) {
      if (error instanceof BackupError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new BackupError(
        "restore_failed",
        `Restoring ${manifest.id} into "${targetName}" failed: ${message}. The restore runs in one ` +
          "transaction: the target was left as it was.",
      );
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await file.cleanup();
    await fs.promises.rm(scratch, { recursive: true, force: true });
  }
}

/** Every table of the manifest present with the same count and checksum, and no extra ones. */
export function compareStats(expected: TableStats[], actual: TableStats[]): string[] {
  const differences: string[] = [];
  const byName = new Map(actual.map((t) => [t.name, t]));
  for (const table of expected) {
    const found = byName.get(table.name);
    if (!found) differences.push(`table ${table.name} is missing`);
    else if (found.rows !== table.rows)
      differences.push(`${table.name} has ${found.rows} rows, expected ${table.rows}`);
    else if (found.checksum !== table.checksum) differences.push(`${table.name} checksum differs`);
    byName.delete(table.name);
  }
  for (const extra of byName.keys()) differences.push(`unexpected table ${extra}`);
  return differences;
}

type Tx = postgres.TransactionSql;

/** Stream the dump into the target; returns how many tables it loaded. */
async function loadDump(
  tx: Tx,
  plaintext: Readable,
  manifest: BackupManifest,
  log: (line: string) => void,
): Promise<number> {
  const lines = readline.createInterface({ input: plaintext, crlfDelay: Infinity });
  let header = false;
  let done = false;
  let tables = 0;
  let current: { name: string; columns: string[]; rows: number } | null = null;
  let batch: string[] = [];
  let batchBytes = 0;

  const flush = async () => {
    if (!current || batch.length === 0) return;
    const list = current.columns.map(quoteIdent).join(", ");
    const table = `public.${quoteIdent(current.name)}`;
    await tx.unsafe(
      `insert into ${table} (${list}) select ${list} from jsonb_populate_recordset(null::${table}, $1::jsonb)`,
      [`[${batch.join(",")}]`],
    );
    batch = [];
    batchBytes = 0;
  };

  try {
    for await (const line of lines) {
      if (!line.startsWith("#")) {
        if (!current) throw new Error("row outside a table");
        batch.push(line);
        batchBytes += line.length;
        current.rows += 1;
        if (batch.length >= LOAD_BATCH_ROWS || batchBytes >= LOAD_BATCH_BYTES) await flush();
        continue;
      }
      const control = JSON.parse(line.slice(1)) as Record<string, unknown>;
      if (!header) {
        if (control.format !== "problemboard-backup" || control.version !== 1) {
          throw new Error("not a Problemboard backup (format 1)");
        }
        header = true;
      } else if (typeof control.table === "string") {
        current = { name: control.table, columns: control.columns as string[], rows: 0 };
        await tx.unsafe(`alter table public.${quoteIdent(current.name)} disable trigger user`);
      } else if (typeof control.end === "string" && current) {
        await flush();
        if (control.rows !== current.rows) throw new Error(`table ${current.name} is incomplete`);
        await tx.unsafe(`alter table public.${quoteIdent(current.name)} enable trigger user`);
        log(`  ${current.name}: ${current.rows} rows`);
        tables += 1;
        current = null;
      } else if (Array.isArray(control.sequences)) {
        for (const sequence of control.sequences as { name: string; value: string | null }[]) {
          if (sequence.value !== null) {
            await tx.unsafe("select setval($1::regclass, $2::bigint, true)", [
              `public.${quoteIdent(sequence.name)}`,
              sequence.value,
            ]);
          }
        }
      } else if (control.done === true) {
        done = true;
      }
    }
    if (!done) throw new Error(`the dump of ${manifest.id} ends early (truncated)`);
  } catch (error) {
    // The file's fault (decryption, gzip, framing) or the database's (reported as such by the caller).
    if (isDatabaseError(error)) throw error;
    throw corrupt(manifest, error);
  }
  return tables;
}
