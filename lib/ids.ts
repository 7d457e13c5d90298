import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * Public ids carry a type prefix (`usr_`, `ws_`, `brd_`, …) so a stray id in a log or a support
 * ticket says what it is. The random part is 20 base-36 characters (~103 bits).
 */
export function createId(prefix: string): string {
  const bytes = randomBytes(20);
  let id = "";
  for (const byte of bytes) id += ALPHABET[byte % 36];
  return `${prefix}_${id}`;
}
