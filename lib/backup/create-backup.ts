import { createHash, randomBytes } from "node:crypto";
import { Readable, Transform } from "node:stream";
import type postgres from "postgres";
import zlib from "node:zlib";
import { identityToRecipient } from "age-encryption";
import { now as clockNow } from "@/lib/clock";
import { connect } from "@/lib/db/client";
import packageJson from "@/package.json";
import { encryptStream } from "./encryption";
import { chain } from "./streams";
import { backupId, type BackupManifest, type TableStats } from "./manifest";
import { appliedMigrations, codeMigrations } from "./migration-level";
import type { BackupStore } from "./store";
import {
  listSequences,
  listTables,
  pinSessionFormat,
  quoteIdent,
  storedColumns,
  tableStats,
} from "./table-stats";

/** Rows fetched per round trip while dumping. */
const DUMP_BATCH_ROWS = 2_000;

/**
 * The dump, before compression: one line per row (`to_jsonb` of the stored columns) and control
 * lines starting with `#`. Written by our own code instead of pg_dump because it must work the
 * same on the embedded PGlite (PostgreSQL 17, which pg_dump 15 refuses) and on any PostgreSQL,
 * and the restore rebuilds the schema from the migrations the manifest names, so data is all a
 * dump needs.
 *
 *   #{"format":"problemboard-backup","version":1}
 *   #{"table":"users","columns":["id","email",…]}
 *   {"id":"…","email":"…"}
 *   #{"end":"users","rows":1}
 *   #{"sequences":[{"name":"jobs_seq_seq","value":"42"}]}
 *   #{"done":true}
 */
async function* dumpLines(
  sql: postgres.TransactionSql,
  tables: { name: string; columns: string[] }[],
  sequences: { name: string; value: string | null }[],
  counter: { rawBytes: number },
): AsyncGenerator<Buffer> {
  const emit = (text: string) => {
    const chunk = Buffer.from(text);
    counter.rawBytes += chunk.length;
    return chunk;
  };
  yield emit(`#${JSON.stringify({ format: "problemboard-backup", version: 1 })}\n`);
  for (const table of tables) {
    yield emit(`#${JSON.stringify({ table: table.name, columns: table.columns })}\n`);
    const list = table.columns.map(quoteIdent).join(", ");
    let rows = 0;
    const cursor = sql
      .unsafe<{ j: string }[]>(
        `select to_jsonb(r)::text as j from (select ${list} from public.${quoteIdent(table.name)}) r`,
      )
      .cursor(DUMP_BATCH_ROWS);
    for await (const batch of cursor) {
      rows += batch.length;
      yield emit(batch.map((row) => row.j).join("\n") + "\n");
    }
    yield emit(`#${JSON.stringify({ end: table.name, rows })}\n`);
  }
  yield emit(`#${JSON.stringify({ sequences })}\n`);
  yield emit(`#${JSON.stringify({ done: true })}\n`);
}

export interface CreateBackupOptions {
  databaseUrl: string;
  store: BackupStore;
  encryptionKey: string;
  /** Describes the source in the manifest ("PostgreSQL 15.20", "PGlite"). */
  now?: () => Date;
}

/**
 * Back up the whole database: one consistent snapshot (a read-only REPEATABLE READ transaction)
 * is counted, checksummed and streamed as a dump → gzip → age → SHA-256 → the store, never held
 * in memory. The manifest is written last, so only a complete backup ever exists.
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupManifest> {
  const now = options.now ?? clockNow;
  const startedAt = now();
  const started = performance.now();
  const id = backupId(startedAt, randomBytes(3).toString("hex"));
  const code = codeMigrations();
  // One connection, no prepared statements: works on PostgreSQL, poolers and the embedded PGlite.
  const { sql } = connect(options.databaseUrl, { embedded: true });
  try {
    const result = await sql.begin("isolation level repeatable read read only", async (tx) => {
      await pinSessionFormat(tx);
      const [version] = await tx.unsafe<{ version: string }[]>("select version() as version");
      const applied = await appliedMigrations(tx);
      const tables: { name: string; columns: string[] }[] = [];
      const stats: TableStats[] = [];
      for (const name of await listTables(tx)) {
        const columns = await storedColumns(tx, name);
        tables.push({ name, columns });
        stats.push(await tableStats(tx, name, columns));
      }
      const sequences = await listSequences(tx);

      const counter = { rawBytes: 0 };
      const hash = createHash("sha256");
      let size = 0;
      const plain = chain(
        Readable.from(dumpLines(tx, tables, sequences, counter)),
        zlib.createGzip({ level: 6 }),
      );
      const encrypted = await encryptStream(plain, options.encryptionKey);
      const measured = chain(
        encrypted,
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            size += chunk.length;
            callback(null, chunk);
          },
        }),
      );
      await options.store.putFile(id, measured);
      const latest = applied.at(-1);
      return {
        source: version?.version.split(" on ")[0] ?? "PostgreSQL",
        applied,
        latestTag: latest
          ? (code.find((m) => m.hash === latest.hash && m.folderMillis === latest.createdAt)?.tag ??
            null)
          : null,
        stats,
        rawBytes: counter.rawBytes,
        size,
        sha256: hash.digest("hex"),
      };
    });
    const manifest: BackupManifest = {
      id,
      format: 1,
      createdAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      appVersion: packageJson.version,
      source: result.source,
      migrations: {
        count: result.applied.length,
        latest: result.latestTag,
        applied: result.applied,
      },
      tables: result.stats,
      rawBytes: result.rawBytes,
      size: result.size,
      sha256: result.sha256,
      encryption: {
        scheme: "age-x25519",
        recipient: await identityToRecipient(options.encryptionKey),
      },
      compression: "gzip",
    };
    await options.store.putManifest(manifest);
    return manifest;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
