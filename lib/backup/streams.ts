import type { Readable, Transform } from "node:stream";

/** `source.pipe(next)`, with an error in `source` passed on to `next` (plain pipe drops it). */
export function chain<T extends Transform>(source: Readable, next: T): T {
  source.on("error", (error) => next.destroy(error));
  return source.pipe(next);
}
