import type { Breadcrumb, ErrorEvent, Event, EventHint } from "@sentry/nextjs";
import { isAppError } from "@/lib/errors";
import { isRedactedKey, REDACTED } from "./redact";
import { scrubErrorMessage } from "./scrub-error";

/**
 * What leaves the process in an error report, decided in one place for the server, edge and
 * browser SDKs (`beforeSend` / `beforeBreadcrumb` in ./sentry-options.ts). Dependency-free so the
 * browser bundle can use it.
 *
 * - Values under any key in REDACT_KEYS (./redact.ts, the list the logger uses) are replaced, at
 *   any depth: request headers and bodies, extra data, contexts, breadcrumb data.
 * - Cookies are dropped whole; so are the user's email, name and IP address (the user id stays).
 * - Local variables captured in stack frames are dropped whole.
 * - A failed database statement's values (Drizzle's `\nparams: …` in the message, `params`,
 *   `parameters`, `query` anywhere) are dropped (./scrub-error.ts, REDACT_KEYS).
 * - Query parameters that carry credentials (`token`, `code`, `signature`, … and REDACT_KEYS) are
 *   replaced in every URL, and `Bearer …` / `Basic …` credentials in any string.
 * - Expected failures are dropped: AppErrors with a 4xx status (validation, not found, limits …)
 *   and the Next.js control-flow signals behind notFound(), redirect() and dynamic rendering.
 */

/** Deeper objects than this are replaced whole rather than walked. */
const MAX_DEPTH = 8;

/** Query parameters whose values are credentials, beyond REDACT_KEYS. */
const SENSITIVE_PARAM = /token|secret|password|passwd|signature|sig$|^code$|^key$|api[-_]?key|otp/i;

export function isSensitiveParam(name: string): boolean {
  return isRedactedKey(name) || SENSITIVE_PARAM.test(name);
}

const CREDENTIALS = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const QUERY_PARAM = /([?&;])([^=&#\s"'<>]+)=([^&#\s"'<>]*)/g;

/** A string with credentials in URLs' query strings and in Authorization values replaced. */
export function scrubString(value: string): string {
  return value
    .replace(CREDENTIALS, (_, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(QUERY_PARAM, (match, separator: string, name: string) =>
      isSensitiveParam(safeDecode(name)) ? `${separator}${name}=${REDACTED}` : match,
    );
}

/** A query string (with or without `?`) with credential parameters replaced. */
export function scrubQueryString(query: string): string {
  const leading = query.startsWith("?") ? "?" : "";
  return (
    leading +
    (leading ? query.slice(1) : query)
      .split("&")
      .map((pair) => {
        const [name = "", ...rest] = pair.split("=");
        return rest.length > 0 && isSensitiveParam(safeDecode(name)) ? `${name}=${REDACTED}` : pair;
      })
      .join("&")
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * A copy of `value` with every redacted key's value replaced and every string scrubbed. Cycles
 * and anything deeper than MAX_DEPTH become REDACTED too.
 */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return scrubString(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return REDACTED;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isRedactedKey(key) ? REDACTED : redactDeep(item, depth + 1, seen);
  }
  return copy;
}

/**
 * A request body as the SDK recorded it: an object, or a string of JSON or form fields. Fields
 * under REDACT_KEYS are replaced; a string that is neither JSON nor form fields is dropped, since
 * nothing can tell what it holds.
 */
export function scrubBody(data: unknown): unknown {
  if (typeof data !== "string") return redactDeep(data);
  const text = data.trim();
  if (text.startsWith("{") || text.startsWith("[")) {
    try {
      return JSON.stringify(redactDeep(JSON.parse(text)));
    } catch {
      return REDACTED;
    }
  }
  if (/^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/.test(text)) {
    return text
      .split("&")
      .map((pair) => {
        const [name = "", ...rest] = pair.split("=");
        const key = safeDecode(name.replace(/\+/g, " "));
        return isRedactedKey(key) || isSensitiveParam(key)
          ? `${name}=${REDACTED}`
          : `${name}=${rest.join("=")}`;
      })
      .join("&");
  }
  return text === "" ? data : REDACTED;
}

function scrubHeaders(headers: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    copy[name] = isRedactedKey(name) ? REDACTED : scrubString(String(value));
  }
  return copy;
}

/** The event with secrets and personal data removed (a new object; the input is not changed). */
export function scrubEvent<T extends Event>(event: T): T {
  const scrubbed: T = { ...event };
  if (event.request) {
    const request = { ...event.request };
    delete request.cookies;
    if (request.headers) request.headers = scrubHeaders(request.headers);
    if (request.url) request.url = scrubString(request.url);
    if (typeof request.query_string === "string") {
      request.query_string = scrubQueryString(request.query_string);
    } else if (request.query_string) {
      request.query_string = redactDeep(request.query_string) as typeof request.query_string;
    }
    if (request.data !== undefined) request.data = scrubBody(request.data);
    if (request.env) request.env = redactDeep(request.env) as Record<string, string>;
    scrubbed.request = request;
  }
  if (event.user) {
    // The id only: never email, name or address.
    scrubbed.user = event.user.id !== undefined ? { id: event.user.id } : {};
  }
  if (event.message) scrubbed.message = scrubString(scrubErrorMessage(event.message));
  if (event.logentry) scrubbed.logentry = redactDeep(event.logentry) as T["logentry"];
  if (event.extra) scrubbed.extra = redactDeep(event.extra) as T["extra"];
  if (event.contexts) scrubbed.contexts = redactDeep(event.contexts) as T["contexts"];
  if (event.tags) scrubbed.tags = redactDeep(event.tags) as T["tags"];
  if (event.breadcrumbs) {
    scrubbed.breadcrumbs = event.breadcrumbs
      .map((crumb) => scrubBreadcrumb(crumb))
      .filter((crumb): crumb is Breadcrumb => crumb !== null);
  }
  if (event.exception?.values) {
    scrubbed.exception = {
      ...event.exception,
      values: event.exception.values.map((exception) => ({
        ...exception,
        ...(exception.value !== undefined
          ? { value: scrubString(scrubErrorMessage(exception.value)) }
          : {}),
        ...(exception.stacktrace?.frames
          ? {
              stacktrace: {
                ...exception.stacktrace,
                // Local variables can hold anything (a password in a variable named `value`).
                frames: exception.stacktrace.frames.map(({ vars: _vars, ...frame }) => frame),
              },
            }
          : {}),
      })),
    };
  }
  return scrubbed;
}

/** The breadcrumb with URLs, messages and data scrubbed, or null to drop it. */
export function scrubBreadcrumb(breadcrumb: Breadcrumb): Breadcrumb | null {
  const scrubbed: Breadcrumb = { ...breadcrumb };
  if (breadcrumb.message) scrubbed.message = scrubString(breadcrumb.message);
  if (breadcrumb.data) scrubbed.data = redactDeep(breadcrumb.data) as Breadcrumb["data"];
  return scrubbed;
}

/** A span as `beforeSendSpan` sees it (streamed spans, the SDK's default). */
export interface SpanShape {
  name: string;
  attributes?: Record<string, unknown>;
}

/**
 * The span with credentials removed from its name and attributes: header attributes
 * (`http.request.header.cookie`) whose last segment is a redacted key are replaced, and URLs in
 * the others are scrubbed.
 */
export function scrubSpan<T extends SpanShape>(span: T): T {
  if (!span.attributes) return { ...span, name: scrubString(span.name) };
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    const last = key.split(".").at(-1) ?? key;
    attributes[key] = isRedactedKey(key) || isRedactedKey(last) ? REDACTED : redactDeep(value);
  }
  return { ...span, name: scrubString(span.name), attributes };
}

/** Digests of the errors Next.js throws to steer rendering; they are not failures. */
const CONTROL_FLOW_DIGESTS = [
  "NEXT_REDIRECT",
  "NEXT_NOT_FOUND",
  "NEXT_HTTP_ERROR_FALLBACK",
  "DYNAMIC_SERVER_USAGE",
  "BAILOUT_TO_CLIENT_SIDE_RENDERING",
  "HANGING_PROMISE_REJECTION",
];

/**
 * Whether a thrown value is an expected outcome rather than a fault: an AppError answered with a
 * 4xx (validation, not found, forbidden, limit reached, rate limited …; also one from another
 * bundle's copy of lib/errors.ts, recognised by name and status) or a Next.js control-flow signal
 * (notFound(), redirect(), forbidden(), dynamic rendering bail-outs). An AppError with a 5xx
 * status (`internal`, `unavailable`: a dependency or the configuration is broken) is reported.
 */
export function isExpectedError(error: unknown): boolean {
  if (isAppError(error)) return error.status < 500;
  if (typeof error !== "object" || error === null) return false;
  const candidate = error as { name?: unknown; status?: unknown; digest?: unknown };
  if (candidate.name === "AppError" && typeof candidate.status === "number") {
    return candidate.status < 500;
  }
  const digest = typeof candidate.digest === "string" ? candidate.digest : "";
  return CONTROL_FLOW_DIGESTS.some((prefix) => digest.startsWith(prefix));
}

/** `beforeSend`: drop expected errors, scrub the rest. */
export function beforeSend<T extends ErrorEvent>(event: T, hint: EventHint): T | null {
  if (isExpectedError(hint.originalException)) return null;
  return scrubEvent(event);
}
