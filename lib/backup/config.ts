import path from "node:path";
import { env } from "@/lib/env";
import { BackupError } from "./errors";
import { FilesystemBackupStore, type BackupStore } from "./store";

/** Backups are configured once there is a key to encrypt them with. */
export function backupsConfigured(): boolean {
  return Boolean(env.BACKUP_ENCRYPTION_KEY);
}

/** The current key (encrypts and decrypts) and, during a rotation, the previous (decrypts). */
export function backupKeys(): { current: string; all: string[] } {
  if (!env.BACKUP_ENCRYPTION_KEY) {
    throw new BackupError(
      "not_configured",
      "BACKUP_ENCRYPTION_KEY is not set: backups are encrypted with an age secret key. " +
        "Generate one with `npm run backup -- --generate-key`, keep it in your secret manager " +
        "(and offline: without it no backup can be restored), and set BACKUP_ENCRYPTION_KEY.",
    );
  }
  const all = [env.BACKUP_ENCRYPTION_KEY];
  if (env.BACKUP_ENCRYPTION_KEY_PREVIOUS) all.push(env.BACKUP_ENCRYPTION_KEY_PREVIOUS);
  return { current: env.BACKUP_ENCRYPTION_KEY, all };
}

/** Supabase Storage when SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are set, else BACKUP_DIR. */
export async function backupStore(): Promise<BackupStore> {
  if (env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY) {
    // Loaded only when used: supabase-js is large (lib/storage loads it lazily too).
    const { SupabaseBackupStore } = await import("./supabase-store");
    return new SupabaseBackupStore();
  }
  return new FilesystemBackupStore(path.resolve(process.cwd(), env.BACKUP_DIR));
}
