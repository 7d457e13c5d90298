/**
 * Errors as they may be written to a log or sent in a report: without the values a failed
 * database statement was given. Those values are user text (a problem's body, a comment, a
 * search), and docs/security.md promises that logs never hold them.
 *
 * Where they hide:
 * - Drizzle's `DrizzleQueryError`: the message `Failed query: <sql>\nparams: <values>` (and so
 *   the stack, which starts with it), and the own properties `query` and `params`.
 * - postgres.js's `PostgresError` (Drizzle's `cause`): `query`, `parameters`, `args` and `types`
 *   (non-enumerable unless its debug mode is on).
 *
 * The SQL text stays in the message (it holds placeholders, not values) so a failed statement
 * can still be recognised. Dependency-free: the logger, the Sentry scrubber (browser bundle
 * included) and the database client use it.
 */

/** Properties of database errors that carry the statement or its values: never serialised. */
export const DATABASE_ERROR_KEYS = ["query", "params", "parameters", "args", "types"] as const;

const DATABASE_KEYS = new Set<string>(DATABASE_ERROR_KEYS);

/** Drizzle's `\nparams: …` tail (to the end: values can span lines). */
const PARAMS_TAIL = /\nparams: [\s\S]*$/;

/** A message with Drizzle's parameter values removed. */
export function scrubErrorMessage(message: string): string {
  return message.replace(PARAMS_TAIL, "\nparams: [omitted]");
}

/** Deepest cause chain followed. */
const MAX_CAUSES = 5;

/**
 * A copy of `error` (same prototype, so its type name survives) with parameter values removed
 * from the message and stack and the database keys left out, its causes likewise. Anything
 * that is not an Error is returned as it is.
 */
export function scrubError<T>(error: T, depth = 0): T {
  if (!(error instanceof Error) || depth > MAX_CAUSES) return error;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error &
    Record<string, unknown>;
  for (const key of Object.keys(error)) {
    if (DATABASE_KEYS.has(key) || key === "cause") continue;
    copy[key] = (error as unknown as Record<string, unknown>)[key];
  }
  const message = scrubErrorMessage(error.message);
  Object.defineProperty(copy, "message", { value: message, enumerable: false, writable: true });
  Object.defineProperty(copy, "stack", {
    value: error.stack ? scrubStack(error.stack, error.message, message) : undefined,
    enumerable: false,
    writable: true,
  });
  if (error.cause !== undefined) {
    Object.defineProperty(copy, "cause", {
      value: scrubError(error.cause, depth + 1),
      enumerable: false,
      writable: true,
    });
  }
  return copy as T;
}

function scrubStack(stack: string, original: string, scrubbed: string): string {
  // A function replacement: the message may hold `$` sequences (SQL placeholders).
  const replaced =
    original && original !== scrubbed ? stack.replace(original, () => scrubbed) : stack;
  // A stack written before the message was known (or changed) may still hold the tail.
  return replaced.includes("\nparams: ") && !replaced.includes("\nparams: [omitted]")
    ? replaced.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, "\nparams: [omitted]")
    : replaced;
}

/**
 * Make `error` (a database error about to be thrown) itself safe to log by whoever catches it,
 * Next.js's own error output included: its message and stack lose the values, and the database
 * keys that can be are deleted. Returns the error.
 */
export function stripQueryValues<T>(error: T): T {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth <= MAX_CAUSES; depth++) {
    const original = e.message;
    const message = scrubErrorMessage(original);
    if (message !== original) {
      const stack = e.stack;
      e.message = message;
      if (stack) e.stack = scrubStack(stack, original, message);
    }
    for (const key of DATABASE_ERROR_KEYS) {
      // Drizzle's own properties go; postgres.js's are non-configurable but never enumerable
      // (outside its debug mode), so console output and serialisers skip them.
      if (Object.getOwnPropertyDescriptor(e, key)?.configurable) {
        delete (e as unknown as Record<string, unknown>)[key];
      }
    }
    e = e.cause;
  }
  return error;
}
