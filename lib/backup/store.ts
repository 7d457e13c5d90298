import fs from "node:fs";
import path from "node:path";
import { type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BackupError } from "./errors";
import { BACKUP_ID, manifestSchema, type BackupManifest } from "./manifest";

/**
 * Where backups live: an encrypted file (`<id>.age`) and its manifest (`<id>.json`). A backup
 * exists only once its manifest is written, after the whole file is stored, so a failed or
 * interrupted backup never shows up in `list()` and never counts for retention.
 */
export interface BackupStore {
  /** Human description for logs and `--list` ("directory .data/backups", "Supabase bucket backups"). */
  readonly description: string;
  /** Store the encrypted file; resolves when it is fully written. `replace` only for a rekey. */
  putFile(id: string, body: Readable, options?: { replace?: boolean }): Promise<void>;
  putManifest(manifest: BackupManifest): Promise<void>;
  /** Every complete backup, newest first. */
  list(): Promise<BackupManifest[]>;
  /** The newest complete backup (cheap: the readiness check asks on every probe). */
  latest(): Promise<BackupManifest | null>;
  /** A readable local path of the file (downloaded to `scratchDir` first for remote stores). */
  fetchFile(id: string, scratchDir: string): Promise<{ path: string; cleanup(): Promise<void> }>;
  /** Delete the manifest first (the backup disappears at once), then the file. */
  remove(id: string): Promise<void>;
}

function assertId(id: string) {
  if (!BACKUP_ID.test(id)) throw new BackupError("unknown_backup", `"${id}" is not a backup id`);
}

export function sortNewestFirst(manifests: BackupManifest[]): BackupManifest[] {
  return manifests.sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
  );
}

/** Parse a stored manifest; a damaged one is skipped (and named) rather than breaking `list()`. */
export function parseManifest(text: string, name: string): BackupManifest | null {
  try {
    return manifestSchema.parse(JSON.parse(text));
  } catch {
    console.warn(`Ignoring unreadable backup manifest ${name}`);
    return null;
  }
}

/** Backups on local disk (development, tests, a server with a mounted volume). */
export class FilesystemBackupStore implements BackupStore {
  readonly description: string;

  constructor(readonly dir: string) {
    this.description = `directory ${dir}`;
  }

  private file(id: string, extension: string) {
    assertId(id);
    return path.join(this.dir, `${id}${extension}`);
  }

  async putFile(id: string, body: Readable, options: { replace?: boolean } = {}): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const target = this.file(id, ".age");
    const partial = `${target}.partial`;
    try {
      if (!options.replace && fs.existsSync(target)) {
        throw new Error(`${target} already exists`);
      }
      await pipeline(body, fs.createWriteStream(partial, { flags: "wx" }));
      await fs.promises.rename(partial, target);
    } catch (error) {
      await fs.promises.rm(partial, { force: true });
      throw error;
    }
  }

  async putManifest(manifest: BackupManifest): Promise<void> {
    const target = this.file(manifest.id, ".json");
    await fs.promises.writeFile(`${target}.partial`, JSON.stringify(manifest, null, 2));
    await fs.promises.rename(`${target}.partial`, target);
  }

  async list(): Promise<BackupManifest[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const manifests: BackupManifest[] = [];
    for (const name of names) {
      if (!name.endsWith(".json") || !BACKUP_ID.test(name.slice(0, -5))) continue;
      const text = await fs.promises.readFile(path.join(this.dir, name), "utf8");
      const manifest = parseManifest(text, name);
      if (manifest) manifests.push(manifest);
    }
    return sortNewestFirst(manifests);
  }

  async latest(): Promise<BackupManifest | null> {
    return (await this.list())[0] ?? null;
  }

  async fetchFile(id: string) {
    const file = this.file(id, ".age");
    try {
      await fs.promises.access(file, fs.constants.R_OK);
    } catch {
      throw new BackupError(
        "unknown_backup",
        `Backup ${id} has a manifest but no file in ${this.dir}`,
      );
    }
    return { path: file, cleanup: async () => {} };
  }

  async remove(id: string): Promise<void> {
    await fs.promises.rm(this.file(id, ".json"), { force: true });
    await fs.promises.rm(this.file(id, ".age"), { force: true });
  }
}
