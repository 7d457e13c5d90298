import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parse input with a zod schema; a failure becomes AppError("validation_failed") by field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new AppError("validation_failed", "Check the highlighted fields.", fieldErrors);
}

// ---- User text --------------------------------------------------------------------------------

/**
 * Control characters no text a person types contains: C0 (NUL included: Postgres cannot store
 * it in text and refuses the whole statement), DEL and C1. Tabs and line breaks are handled
 * separately (kept in multiline text, turned into spaces in single-line text).
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const CONTROL_CHARACTERS_MESSAGE =
  "Remove the invisible control characters from this text, then try again.";

/** Whether a string holds a character userText refuses (control characters but tab and breaks). */
export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

export interface UserTextOptions {
  /** Most characters allowed, counted after normalising and trimming. */
  max: number;
  /** Fewest characters (default 0: may be empty). */
  min?: number;
  /** Keep line breaks and tabs (CRLF and CR become LF); otherwise they become spaces. */
  multiline?: boolean;
  /** When the value is missing or not a string (and, if `min` is 1, when it is blank). */
  required?: string;
  tooShort?: string;
  tooLong?: string;
}

/**
 * The one schema for text a person typed (titles, bodies, comments, names, notes, search terms):
 * a string, normalised to NFC and trimmed, with line breaks kept only in multiline text, and
 * refused by field when it holds a control character (NUL above all). Every input schema that
 * takes user text uses it, so no such character reaches the database or a page.
 */
export function userText(options: UserTextOptions) {
  const { max, min = 0, multiline = false } = options;
  const tooShort =
    options.tooShort ??
    (min === 1 && options.required ? options.required : `Use at least ${count(min)} characters.`);
  let schema = z
    .string(options.required ? { error: options.required } : undefined)
    .overwrite((value) =>
      multiline
        ? value.normalize("NFC").replace(/\r\n?/g, "\n")
        : value.normalize("NFC").replace(/[\t\r\n]+/g, " "),
    )
    .trim()
    .refine((value) => !hasControlCharacters(value), {
      message: CONTROL_CHARACTERS_MESSAGE,
      abort: true,
    });
  if (min > 0) schema = schema.min(min, tooShort);
  return schema.max(max, options.tooLong ?? `Use at most ${count(max)} characters.`);
}

const count = (n: number) => n.toLocaleString("en-US");

// ---- Ids and slugs from requests ----------------------------------------------------------------

/** Our ids: a type prefix and a random part (`prb_…`, `ws_…`; lib/ids.ts and the SQL triggers). */
const ID = /^[a-z]{1,16}_[a-z0-9]{1,64}$/;

/** A board or workspace address as it can appear in a URL (lowercase, digits, `-`, `_`). */
const SLUG = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/**
 * Whether a value from a request (a form field, a path segment, a cursor) can be one of our ids.
 * Lookups by id check it first and answer not_found otherwise, so a stray `%00` or other junk
 * never reaches a query.
 */
export function isId(value: unknown): value is string {
  return typeof value === "string" && ID.test(value);
}

/** The same for a board or workspace slug taken from a URL. */
export function isSlug(value: unknown): value is string {
  return typeof value === "string" && SLUG.test(value);
}

/** An id field of a form or body (hidden inputs): anything else is a stale or forged form. */
export const idSchema = z.string().trim().regex(ID, "This link or form is out of date.");
