import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { Transform } from "node:stream";
import { identityToRecipient } from "age-encryption";
import { decryptStream, encryptStream } from "./encryption";
import { BackupError } from "./errors";
import { sha256OfFile } from "./restore-backup";
import type { BackupStore } from "./store";
import { chain } from "./streams";

/**
 * Key rotation: re-encrypt every retained backup for the new key (BACKUP_ENCRYPTION_KEY), opening
 * each with the old one (BACKUP_ENCRYPTION_KEY_PREVIOUS). The compressed dump inside is not
 * touched, so row counts and checksums stay valid; each file is verified against its manifest
 * first, replaced whole (written aside, then renamed over), and its manifest updated after.
 * Backups already on the new key are skipped, so an interrupted run can simply be run again.
 */
export async function rekeyBackups(options: {
  store: BackupStore;
  newKey: string;
  /** Keys that may open the existing files. */
  keys: string[];
  log?: (line: string) => void;
}): Promise<{ rekeyed: string[]; skipped: string[] }> {
  const log = options.log ?? (() => {});
  const recipient = await identityToRecipient(options.newKey);
  const rekeyed: string[] = [];
  const skipped: string[] = [];
  for (const manifest of await options.store.list()) {
    if (manifest.encryption.recipient === recipient) {
      skipped.push(manifest.id);
      continue;
    }
    const scratch = fs.mkdtempSync(`${os.tmpdir()}/pb-rekey-`);
    const file = await options.store.fetchFile(manifest.id, scratch);
    try {
      const actual = await sha256OfFile(file.path);
      if (actual.sha256 !== manifest.sha256) {
        throw new BackupError(
          "checksum_mismatch",
          `Backup ${manifest.id} does not match its manifest; it was left as it is.`,
        );
      }
      const plaintext = await decryptStream(fs.createReadStream(file.path), options.keys);
      const encrypted = await encryptStream(plaintext, options.newKey);
      const hash = createHash("sha256");
      let size = 0;
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
      await options.store.putFile(manifest.id, measured, { replace: true });
      await options.store.putManifest({
        ...manifest,
        size,
        sha256: hash.digest("hex"),
        encryption: { scheme: "age-x25519", recipient },
      });
      rekeyed.push(manifest.id);
      log(`  re-encrypted ${manifest.id}`);
    } finally {
      await file.cleanup();
      await fs.promises.rm(scratch, { recursive: true, force: true });
    }
  }
  return { rekeyed, skipped };
}
