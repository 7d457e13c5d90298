import { DatabaseDeadlineError } from "./deadline";

/** Driver and network error codes that mean "no database right now", not "bad statement". */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  // postgres.js
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/**
 * SQLSTATEs of a database that is there but cannot serve now: class 08 (connection exception),
 * 57014 (statement or lock timeout, cancelled), 57P01–57P05 (shutting down, starting up, idle
 * session timeout), 53300 (too many connections), 25P03 (idle-in-transaction timeout).
 */
function isUnavailableState(code: string): boolean {
  return (
    code.startsWith("08") ||
    code === "57014" ||
    /^57P0[1-5]$/.test(code) ||
    code === "53300" ||
    code === "25P03"
  );
}

/**
 * Whether an error (or any error in its `cause` chain, as Drizzle wraps the driver's) means the
 * database is unavailable or did not answer in time. A request failing this way answers 503
 * with Retry-After instead of 500: nothing is wrong with it, and trying again shortly works.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof DatabaseDeadlineError) return true;
    if (typeof current !== "object") return false;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || isUnavailableState(code))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
