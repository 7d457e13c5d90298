import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { generateX25519Identity } from "age-encryption";
import { sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemoData } from "@/lib/db/seed";
import { createBackup } from "@/lib/backup/create-backup";
import { BackupError } from "@/lib/backup/errors";
import { applyMigrations, codeMigrations } from "@/lib/backup/migration-level";
import { rekeyBackups } from "@/lib/backup/rekey-backups";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { FilesystemBackupStore } from "@/lib/backup/store";
import { enqueue } from "@/lib/jobs/enqueue";
import { createRestoreTarget } from "@/tests/support/restore-target";

// The whole way back: a seeded database is backed up (dump → gzip → age → file), restored into an
// empty database on the same kind of server (PostgreSQL when DATABASE_URL is set, else PGlite),
// and compared table by table. Then every way a restore must refuse, each leaving its target
// untouched.

const sourceUrl = process.env.DATABASE_URL!;
let dir: string;
let store: FilesystemBackupStore;
let key: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-backups-"));
  store = new FilesystemBackupStore(dir);
  key = await generateX25519Identity();
  await seedDemoData(db);
  await enqueue("jobs.prune", {});
  // Text that has to survive exactly: newlines, quotes, backslashes, emoji, a NUL-free control char.
  await db.execute(
    dsql`update problems set body = body || ${'\n\nLine two "quoted" \\ back\\slash \t tab 🚀'} where true`,
  );
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function rowsIn(url: string, query: string): Promise<Record<string, unknown>[]> {
  const client = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    return [...(await client.unsafe(query))];
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function tableCount(url: string): Promise<number> {
  const [row] = await rowsIn(
    url,
    "select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'",
  );
  return (row as { n: number }).n;
}

async function expectRefusal(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  expect((error as BackupError).code).toBe(code);
  expect((error as BackupError).message).toMatch(message);
}

describe("backup and restore", () => {
  it("round-trips the whole database: every table's rows and checksums, sequences, and the migration level", async () => {
    const manifest = await createBackup({ databaseUrl: sourceUrl, store, encryptionKey: key });

    // The stored file is encrypted: no table name or seeded text appears in it.
    const bytes = fs.readFileSync(path.join(dir, `${manifest.id}.age`));
    expect(bytes.subarray(0, 21).toString()).toBe("age-encryption.org/v1");
    expect(bytes.includes(Buffer.from("problems"))).toBe(false);
    expect(bytes.includes(Buffer.from("Line two"))).toBe(false);
    expect(manifest.size).toBe(bytes.length);
    expect(manifest.migrations.count).toBe(codeMigrations().length);
    expect(manifest.tables.find((t) => t.name === "problems")?.rows).toBeGreaterThan(0);
    expect(manifest.tables.find((t) => t.name === "jobs")?.rows).toBeGreaterThan(0);

    const target = await createRestoreTarget();
    try {
      const result = await restoreBackup({
        store,
        backup: "latest",
        targetUrl: target.url,
        keys: [key],
      });
      expect(result.manifest.id).toBe(manifest.id);
      expect(result.tables).toEqual(manifest.tables);

      // Same rows, byte for byte, in a table with triggers (problems keep their counters and
      // their generated search column is rebuilt), and the migration ledger at the same level.
      const query =
        "select id, title, body, vote_count, comment_count, created_at::text, search::text from problems order by id";
      expect(await rowsIn(target.url, query)).toEqual(await rowsIn(sourceUrl, query));
      const [ledger] = await rowsIn(
        target.url,
        "select count(*)::int as n from drizzle.__drizzle_migrations",
      );
      expect((ledger as { n: number }).n).toBe(manifest.migrations.count);

      // Sequences continue after the restored rows: a new job gets a higher seq.
      const [maxSeq] = await rowsIn(target.url, "select max(seq)::text as s from jobs");
      const [next] = await rowsIn(target.url, "select nextval('jobs_seq_seq')::text as s");
      expect(BigInt((next as { s: string }).s)).toBeGreaterThan(
        BigInt((maxSeq as { s: string }).s),
      );
    } finally {
      await target.close();
    }
  });

  it("refuses a non-empty target without --force, and replaces it with --force", async () => {
    const target = await createRestoreTarget();
    try {
      await rowsIn(
        target.url,
        "create table public.keep_me (id int); insert into keep_me values (1)",
      );
      await expectRefusal(
        restoreBackup({ store, backup: "latest", targetUrl: target.url, keys: [key] }),
        "target_not_empty",
        /not empty.*--force/,
      );
      expect(await rowsIn(target.url, "select id from keep_me")).toEqual([{ id: 1 }]);

      await restoreBackup({
        store,
        backup: "latest",
        targetUrl: target.url,
        keys: [key],
        force: true,
      });
      expect(await rowsIn(target.url, "select to_regclass('public.keep_me') as t")).toEqual([
        { t: null },
      ]);
    } finally {
      await target.close();
    }
  });

  it("refuses the live database unless its name is typed", async () => {
    const name = new URL(sourceUrl).pathname.slice(1);
    await expectRefusal(
      restoreBackup({
        store,
        backup: "latest",
        targetUrl: sourceUrl,
        liveUrl: sourceUrl,
        keys: [key],
        force: true,
      }),
      "live_database",
      new RegExp(`--confirm ${name}`),
    );
  });

  it("refuses a wrong key, a tampered file, a truncated file and an unknown id; the target stays empty", async () => {
    const manifest = (await store.list())[0]!;
    const target = await createRestoreTarget();
    try {
      await expectRefusal(
        restoreBackup({
          store,
          backup: "bk_20000101T000000Z_abcdef",
          targetUrl: target.url,
          keys: [key],
        }),
        "unknown_backup",
        /no backup "bk_20000101T000000Z_abcdef"/,
      );
      await expectRefusal(
        restoreBackup({
          store,
          backup: manifest.id,
          targetUrl: target.url,
          keys: [await generateX25519Identity()],
        }),
        "wrong_key",
        /cannot be decrypted with BACKUP_ENCRYPTION_KEY/,
      );

      const file = path.join(dir, `${manifest.id}.age`);
      const original = fs.readFileSync(file);
      try {
        const tampered = Buffer.from(original);
        tampered[tampered.length - 100]! ^= 0x01;
        fs.writeFileSync(file, tampered);
        await expectRefusal(
          restoreBackup({ store, backup: manifest.id, targetUrl: target.url, keys: [key] }),
          "checksum_mismatch",
          /damaged or was modified/,
        );
        fs.writeFileSync(file, original.subarray(0, original.length - 500));
        await expectRefusal(
          restoreBackup({ store, backup: manifest.id, targetUrl: target.url, keys: [key] }),
          "checksum_mismatch",
          /damaged or was modified/,
        );
      } finally {
        fs.writeFileSync(file, original);
      }
      expect(await tableCount(target.url)).toBe(0);
    } finally {
      await target.close();
    }
  });

  it("a truncated file whose manifest was forged to match still fails in the restore's one transaction, leaving the target empty", async () => {
    const manifest = (await store.list())[0]!;
    const file = path.join(dir, `${manifest.id}.age`);
    const original = fs.readFileSync(file);
    const forgedId = manifest.id.replace(/_[0-9a-f]{6}$/, "_f0f0f0");
    const truncated = original.subarray(0, Math.floor(original.length * 0.6));
    const { createHash } = await import("node:crypto");
    fs.writeFileSync(path.join(dir, `${forgedId}.age`), truncated);
    await store.putManifest({
      ...manifest,
      id: forgedId,
      size: truncated.length,
      sha256: createHash("sha256").update(truncated).digest("hex"),
    });
    const target = await createRestoreTarget();
    try {
      await expectRefusal(
        restoreBackup({ store, backup: forgedId, targetUrl: target.url, keys: [key] }),
        "corrupt",
        /could not be read to the end.*nothing was restored/,
      );
      expect(await tableCount(target.url)).toBe(0);
    } finally {
      await target.close();
      await store.remove(forgedId);
    }
  });

  it("names the target when it cannot be reached, and does not blame the backup", async () => {
    await expectRefusal(
      restoreBackup({
        store,
        backup: "latest",
        targetUrl: "postgres://postgres@127.0.0.1:1/nowhere",
        keys: [key],
      }),
      "restore_failed",
      /into "nowhere" failed: .*ECONNREFUSED.*left as it was/,
    );
  });

  it("refuses a backup made by a newer version of the schema", async () => {
    const manifest = (await store.list())[0]!;
    const newerId = manifest.id.replace(/_[0-9a-f]{6}$/, "_eeeeee");
    fs.copyFileSync(path.join(dir, `${manifest.id}.age`), path.join(dir, `${newerId}.age`));
    await store.putManifest({
      ...manifest,
      id: newerId,
      migrations: {
        count: manifest.migrations.count + 1,
        latest: "29990101000000_from_the_future",
        applied: [
          ...manifest.migrations.applied,
          { hash: "f".repeat(64), createdAt: 32503680000000 },
        ],
      },
    });
    const target = await createRestoreTarget();
    try {
      await expectRefusal(
        restoreBackup({ store, backup: newerId, targetUrl: target.url, keys: [key] }),
        "newer_schema",
        /schema this code does not know/,
      );
      expect(await tableCount(target.url)).toBe(0);
    } finally {
      await target.close();
      await store.remove(newerId);
    }
  });

  it("key rotation re-encrypts every retained backup: the old key opens none, the new key restores them", async () => {
    const newKey = await generateX25519Identity();
    const before = await store.list();
    const result = await rekeyBackups({ store, newKey, keys: [newKey, key] });
    expect(result.rekeyed.sort()).toEqual(before.map((m) => m.id).sort());
    // Running it again has nothing left to do.
    expect((await rekeyBackups({ store, newKey, keys: [newKey, key] })).rekeyed).toEqual([]);

    const target = await createRestoreTarget();
    try {
      await expectRefusal(
        restoreBackup({ store, backup: "latest", targetUrl: target.url, keys: [key] }),
        "wrong_key",
        /cannot be decrypted/,
      );
      const restored = await restoreBackup({
        store,
        backup: "latest",
        targetUrl: target.url,
        keys: [newKey],
      });
      expect(restored.tables).toEqual(before[0]!.tables);
    } finally {
      await target.close();
      key = newKey;
    }
  });

  it("restores a backup from an older schema and then applies this code's newer migrations", async () => {
    const code = codeMigrations();
    const older = await createRestoreTarget();
    const target = await createRestoreTarget();
    try {
      const client = postgres(older.url, { max: 1, prepare: false, onnotice: () => {} });
      try {
        await client.begin((tx) => applyMigrations(tx, code.slice(0, -1)));
        await client.unsafe(
          "insert into users (id, name, email, email_verified, created_at, updated_at) values ('usr_old', 'Old Schema', 'old@example.com', true, now(), now())",
        );
      } finally {
        await client.end({ timeout: 5 });
      }
      const manifest = await createBackup({ databaseUrl: older.url, store, encryptionKey: key });
      expect(manifest.migrations.count).toBe(code.length - 1);

      const result = await restoreBackup({
        store,
        backup: manifest.id,
        targetUrl: target.url,
        keys: [key],
      });
      expect(result.newerMigrationsApplied).toEqual([code.at(-1)!.tag]);
      const [ledger] = await rowsIn(
        target.url,
        "select count(*)::int as n from drizzle.__drizzle_migrations",
      );
      expect(ledger).toEqual({ n: code.length });
      expect(await rowsIn(target.url, "select name from users where id = 'usr_old'")).toEqual([
        { name: "Old Schema" },
      ]);
    } finally {
      await older.close();
      await target.close();
      await store.remove((await store.list())[0]!.id);
    }
  });
});
