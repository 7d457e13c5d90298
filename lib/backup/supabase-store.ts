import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { BackupError } from "./errors";
import type { BackupManifest } from "./manifest";
import { parseManifest, sortNewestFirst, type BackupStore } from "./store";

export const BACKUP_BUCKET = "backups";

/**
 * Backups in the private Supabase Storage bucket `backups`, through supabase-js. Kept thin: every
 * method is one Storage call. NOT yet covered by a test: it waits for the Storage stand-in that
 * lands with the attachments work (issue #17); until then the filesystem store is what the
 * tests and the drill exercise.
 */
export class SupabaseBackupStore implements BackupStore {
  readonly description = `Supabase Storage bucket ${BACKUP_BUCKET}`;
  private readonly client: SupabaseClient;

  constructor(url: string, serviceRoleKey: string) {
    this.client = createClient(url, serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
  }

  private get bucket() {
    return this.client.storage.from(BACKUP_BUCKET);
  }

  private fail(action: string, error: { message: string }): never {
    throw new BackupError(
      "store_unavailable",
      `Supabase Storage (bucket ${BACKUP_BUCKET}) could not ${action}: ${error.message}`,
    );
  }

  async putFile(id: string, body: Readable, options: { replace?: boolean } = {}): Promise<void> {
    const { error } = await this.bucket.upload(`${id}.age`, body as never, {
      contentType: "application/octet-stream",
      duplex: "half",
      upsert: options.replace ?? false,
    });
    if (error) this.fail(`store ${id}.age`, error);
  }

  async putManifest(manifest: BackupManifest): Promise<void> {
    const { error } = await this.bucket.upload(`${manifest.id}.json`, JSON.stringify(manifest), {
      contentType: "application/json",
      upsert: true,
    });
    if (error) this.fail(`store ${manifest.id}.json`, error);
  }

  async list(): Promise<BackupManifest[]> {
    const { data, error } = await this.bucket.list("", {
      limit: 1000,
      sortBy: { column: "name", order: "desc" },
    });
    if (error) this.fail("list backups", error);
    const manifests: BackupManifest[] = [];
    for (const object of data ?? []) {
      if (!object.name.endsWith(".json")) continue;
      const { data: blob, error: readError } = await this.bucket.download(object.name);
      if (readError) this.fail(`read ${object.name}`, readError);
      const manifest = parseManifest(await blob.text(), object.name);
      if (manifest) manifests.push(manifest);
    }
    return sortNewestFirst(manifests);
  }

  async latest(): Promise<BackupManifest | null> {
    // Ids sort by time, so the newest manifest is the first .json by name, descending.
    const { data, error } = await this.bucket.list("", {
      limit: 20,
      sortBy: { column: "name", order: "desc" },
    });
    if (error) this.fail("list backups", error);
    const newest = (data ?? []).find((object) => object.name.endsWith(".json"));
    if (!newest) return null;
    const { data: blob, error: readError } = await this.bucket.download(newest.name);
    if (readError) this.fail(`read ${newest.name}`, readError);
    return parseManifest(await blob.text(), newest.name);
  }

  async fetchFile(id: string, scratchDir: string) {
    const { data, error } = await this.bucket.download(`${id}.age`);
    if (error) this.fail(`download ${id}.age`, error);
    await fs.promises.mkdir(scratchDir, { recursive: true });
    const file = path.join(scratchDir, `${id}.age`);
    await pipeline(Readable.fromWeb(data.stream() as never), fs.createWriteStream(file));
    return { path: file, cleanup: () => fs.promises.rm(file, { force: true }) };
  }

  async remove(id: string): Promise<void> {
    const { error } = await this.bucket.remove([`${id}.json`]);
    if (error) this.fail(`delete ${id}.json`, error);
    const { error: fileError } = await this.bucket.remove([`${id}.age`]);
    if (fileError) this.fail(`delete ${id}.age`, fileError);
  }
}
