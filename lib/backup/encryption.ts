import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from "age-encryption";
import { BackupError } from "./errors";

/**
 * Backups are encrypted with age (X25519 recipient derived from the age secret key in
 * BACKUP_ENCRYPTION_KEY): authenticated encryption in 64 KiB chunks (ChaCha20-Poly1305 STREAM),
 * so a flipped or truncated byte fails decryption, a file can be encrypted and decrypted as a
 * stream, and the format is an open standard with a CLI (`age -d -i key.txt`) for the day this
 * code is not at hand. Chosen over a hand-rolled AES-256-GCM envelope for exactly those reasons.
 */

export async function generateBackupKey(): Promise<string> {
  return generateX25519Identity();
}

/** Encrypt a byte stream for the key's recipient; the plaintext never leaves the process. */
export async function encryptStream(input: Readable, secretKey: string): Promise<Readable> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(await identityToRecipient(secretKey));
  const web = Readable.toWeb(input) as unknown as ReadableStream<Uint8Array>;
  const encrypted = await encrypter.encrypt(web);
  return Readable.fromWeb(encrypted as unknown as WebReadableStream<Uint8Array>);
}

/**
 * Decrypt a stream with any of the keys (the current one and, during a rotation, the previous).
 * Fails before any plaintext is produced when no key opens the header; a tampered or truncated
 * body fails the stream at the damaged chunk.
 */
export async function decryptStream(input: Readable, secretKeys: string[]): Promise<Readable> {
  const decrypter = new Decrypter();
  for (const key of secretKeys) decrypter.addIdentity(key);
  const web = Readable.toWeb(input) as unknown as ReadableStream<Uint8Array>;
  let decrypted: ReadableStream<Uint8Array>;
  try {
    decrypted = await decrypter.decrypt(web);
  } catch (error) {
    throw new BackupError(
      "wrong_key",
      `The backup cannot be decrypted with BACKUP_ENCRYPTION_KEY${secretKeys.length > 1 ? " or BACKUP_ENCRYPTION_KEY_PREVIOUS" : ""}: ` +
        `it was encrypted with another key, or its header is damaged (${describe(error)}).`,
    );
  }
  return Readable.fromWeb(decrypted as unknown as WebReadableStream<Uint8Array>);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
