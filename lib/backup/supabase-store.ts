import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isAppError } from "@/lib/errors";
import {
  ensureBuckets,
  getObject,
  getObjectStream,
  listObjects,
  putObject,
  removeObjects,
} from "@/lib/storage/objects";
import { BackupError } from "./errors";
import { BACKUP_ID, type BackupManifest } from "./manifest";
import { parseManifest, sortNewestFirst, type BackupStore } from "./store";

export const BACKUP_BUCKET = "backups";

/** Page size when listing the bucket (the Storage API's own maximum is 1,000). */
const LIST_PAGE = 1000;

/**
 * Backups in the private Supabase Storage bucket `backups`, through the app's one storage module
 * (lib/storage: supabase-js with the service role key, buckets created private when missing).
 * Uploads and downloads are streams: the encrypted file is never held in memory. Covered by
 * tests/integration/backup-supabase-store.test.ts against the Storage stand-in.
 */
export class SupabaseBackupStore implements BackupStore {
  readonly description = `Supabase Storage bucket ${BACKUP_BUCKET}`;

  private async call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof BackupError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new BackupError(
        "store_unavailable",
        `Supabase Storage (bucket ${BACKUP_BUCKET}) could not ${action}: ${message}`,
      );
    }
  }

  async putFile(id: string, body: Readable, options: { replace?: boolean } = {}): Promise<void> {
    await this.call(`store ${id}.age`, () =>
      putObject(BACKUP_BUCKET, `${id}.age`, body, {
        contentType: "application/octet-stream",
        upsert: options.replace ?? false,
        cacheControl: "no-store",
      }),
    );
  }

  async putManifest(manifest: BackupManifest): Promise<void> {
    await this.call(`store ${manifest.id}.json`, () =>
      putObject(BACKUP_BUCKET, `${manifest.id}.json`, Buffer.from(JSON.stringify(manifest)), {
        contentType: "application/json",
        upsert: true,
        cacheControl: "no-store",
      }),
    );
  }

  /** Names of every manifest in the bucket, newest first (ids sort by time). */
  private async manifestNames(): Promise<string[]> {
    // The bucket is created (private) on first use, by a listing as much as by an upload.
    await this.call("open the bucket", () => ensureBuckets());
    const names: string[] = [];
    for (let offset = 0; ; offset += LIST_PAGE) {
      const page = await this.call("list backups", () =>
        listObjects(BACKUP_BUCKET, "", { limit: LIST_PAGE, offset }),
      );
      for (const object of page) {
        if (object.name.endsWith(".json") && BACKUP_ID.test(object.name.slice(0, -5))) {
          names.push(object.name);
        }
      }
      if (page.length < LIST_PAGE) break;
    }
    return names.sort().reverse();
  }

  private async readManifest(name: string): Promise<BackupManifest | null> {
    const blob = await this.call(`read ${name}`, () => getObject(BACKUP_BUCKET, name));
    return parseManifest(await blob.text(), name);
  }

  async list(): Promise<BackupManifest[]> {
    const manifests: BackupManifest[] = [];
    for (const name of await this.manifestNames()) {
      const manifest = await this.readManifest(name);
      if (manifest) manifests.push(manifest);
    }
    return sortNewestFirst(manifests);
  }

  async latest(): Promise<BackupManifest | null> {
    // Names sort by the second a backup was taken; backups of the same second are told apart by
    // their manifests' times. A damaged manifest is skipped rather than reported as no backup.
    const second = (name: string) => name.slice(0, "bk_YYYYMMDDTHHMMSSZ".length);
    const found: BackupManifest[] = [];
    for (const name of await this.manifestNames()) {
      if (found.length > 0 && second(name) !== second(found[0]!.id)) break;
      const manifest = await this.readManifest(name);
      if (manifest) found.push(manifest);
    }
    return sortNewestFirst(found)[0] ?? null;
  }

  async fetchFile(id: string, scratchDir: string) {
    if (!BACKUP_ID.test(id)) throw new BackupError("unknown_backup", `"${id}" is not a backup id`);
    let body: ReadableStream<Uint8Array>;
    try {
      body = await getObjectStream(BACKUP_BUCKET, `${id}.age`);
    } catch (error) {
      if (isAppError(error) && error.code === "not_found") {
        throw new BackupError(
          "unknown_backup",
          `Backup ${id} has a manifest but no file in ${this.description}`,
        );
      }
      return this.call(`download ${id}.age`, () => Promise.reject(error));
    }
    await fs.promises.mkdir(scratchDir, { recursive: true });
    const file = path.join(scratchDir, `${id}.age`);
    try {
      // Streamed to disk as it arrives: the restore reads (and checks) the local copy.
      await pipeline(Readable.fromWeb(body as never), fs.createWriteStream(file));
    } catch (error) {
      await fs.promises.rm(file, { force: true });
      return this.call(`download ${id}.age`, () => Promise.reject(error));
    }
    return { path: file, cleanup: () => fs.promises.rm(file, { force: true }) };
  }

  async remove(id: string): Promise<void> {
    // The manifest first: the backup disappears at once, then its file.
    await this.call(`delete ${id}.json`, () => removeObjects(BACKUP_BUCKET, [`${id}.json`]));
    await this.call(`delete ${id}.age`, () => removeObjects(BACKUP_BUCKET, [`${id}.age`]));
  }
}
