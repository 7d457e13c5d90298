import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { generateX25519Identity } from "age-encryption";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemoData } from "@/lib/db/seed";
import { backupStore } from "@/lib/backup/config";
import { createBackup } from "@/lib/backup/create-backup";
import { BackupError } from "@/lib/backup/errors";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { SupabaseBackupStore } from "@/lib/backup/supabase-store";
import { createRestoreTarget } from "@/tests/support/restore-target";
import { startStorageHarness, type StorageHarness } from "../support/storage";

// The Supabase Storage backup store, end to end against the Storage stand-in (the real supabase-js
// client through lib/storage): back up, list, restore into an empty database, and a file changed
// in the bucket refused before anything is restored.

const sourceUrl = process.env.DATABASE_URL!;
let harness: StorageHarness;
let store: SupabaseBackupStore;
let key: string;

beforeAll(async () => {
  harness = await startStorageHarness();
  store = new SupabaseBackupStore();
  key = await generateX25519Identity();
  await seedDemoData(db);
});

afterAll(async () => harness?.close());

/** Where the stand-in keeps an object's bytes (to play the attacker with direct access). */
function storedFile(name: string) {
  return path.join(harness.root, "backups", "objects", name);
}

async function tableCount(url: string): Promise<number> {
  const client = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const [row] = await client.unsafe(
      "select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'",
    );
    return (row as unknown as { n: number }).n;
  } finally {
    await client.end({ timeout: 5 });
  }
}

describe("Supabase Storage backup store", () => {
  it("is the store chosen when SUPABASE_URL and its key are set", async () => {
    expect((await backupStore()).description).toBe("Supabase Storage bucket backups");
  });

  it("backs up into the private bucket, lists it, and restores it table for table", async () => {
    expect(await store.list()).toEqual([]);
    expect(await store.latest()).toBeNull();

    const first = await createBackup({ databaseUrl: sourceUrl, store, encryptionKey: key });
    const second = await createBackup({ databaseUrl: sourceUrl, store, encryptionKey: key });

    // Both are listed newest first; the latest is the second.
    expect((await store.list()).map((m) => m.id)).toEqual([second.id, first.id]);
    expect((await store.latest())?.id).toBe(second.id);

    // What sits in the bucket is the encrypted file, not the data.
    const bytes = fs.readFileSync(storedFile(`${second.id}.age`));
    expect(bytes.subarray(0, 21).toString()).toBe("age-encryption.org/v1");
    expect(bytes.includes(Buffer.from("problems"))).toBe(false);
    expect(bytes.length).toBe(second.size);

    // Nobody without the key reads it: the bucket is private.
    const direct = await fetch(`${harness.standIn.url}/storage/v1/object/backups/${second.id}.age`);
    expect(direct.status).toBeGreaterThanOrEqual(400);

    const target = await createRestoreTarget();
    try {
      const result = await restoreBackup({
        store,
        backup: "latest",
        targetUrl: target.url,
        keys: [key],
      });
      expect(result.manifest.id).toBe(second.id);
      expect(result.tables).toEqual(second.tables);
      expect(result.tables.find((t) => t.name === "problems")?.rows).toBeGreaterThan(0);
    } finally {
      await target.close();
    }

    // Removing a backup takes its manifest and its file out of the bucket.
    await store.remove(first.id);
    expect((await store.list()).map((m) => m.id)).toEqual([second.id]);
    expect(fs.existsSync(storedFile(`${first.id}.age`))).toBe(false);
  });

  it("refuses a file changed in the bucket before touching the target", async () => {
    const manifest = (await store.latest())!;
    const file = storedFile(`${manifest.id}.age`);
    const original = fs.readFileSync(file);
    const target = await createRestoreTarget();
    try {
      const tampered = Buffer.from(original);
      tampered[tampered.length - 100]! ^= 0x01;
      fs.writeFileSync(file, tampered);
      const error = await restoreBackup({
        store,
        backup: manifest.id,
        targetUrl: target.url,
        keys: [key],
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BackupError);
      expect((error as BackupError).code).toBe("checksum_mismatch");
      expect((error as BackupError).message).toMatch(/damaged or was modified/);
      expect(await tableCount(target.url)).toBe(0);
    } finally {
      fs.writeFileSync(file, original);
      await target.close();
    }
  });

  it("names a backup whose file is missing from the bucket", async () => {
    const manifest = (await store.latest())!;
    const file = storedFile(`${manifest.id}.age`);
    const original = fs.readFileSync(file);
    fs.rmSync(file);
    try {
      const error = await store.fetchFile(manifest.id, fs.mkdtempSync("/tmp/pb-sb-")).then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as BackupError).code).toBe("unknown_backup");
      expect((error as BackupError).message).toContain(`${manifest.id} has a manifest but no file`);
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});
