import { createRequire } from "node:module";
import { hostname } from "node:os";
import path from "node:path";
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { env } from "@/lib/env";
import { REDACTED, redactPaths } from "./redact";
import { scrubError, scrubErrorMessage } from "./scrub-error";

/**
 * Errors under `err` (and `error`, as some call sites name it) are serialised without the
 * values of a failed database statement (./scrub-error.ts); an error already turned into a
 * string loses them too.
 */
function serializeError(value: unknown): unknown {
  if (typeof value === "string") return scrubErrorMessage(value);
  return pino.stdSerializers.err(scrubError(value) as Error);
}

export type { Logger } from "pino";

/**
 * Structured logs: one JSON object per line on stdout, with `level` (name), `time` (ISO 8601),
 * `msg`, the `requestId` when the line belongs to a request or a job it queued, and fields.
 * Values under the keys in ./redact.ts are replaced before a line is written, and errors lose
 * the values of a failed database statement (./scrub-error.ts). Never log whole
 * request or email bodies; log ids and counts.
 */
export function loggerOptions(level: string = env.LOG_LEVEL): LoggerOptions {
  return {
    level,
    base: { service: "problemboard", pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactPaths(), censor: REDACTED },
    serializers: { err: serializeError, error: serializeError },
  };
}

/** A logger writing to `destination` (tests capture lines this way). */
export function createLogger(destination?: DestinationStream, level?: string): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

/**
 * Under `npm run dev`, human-readable lines through pino-pretty when it is installed (a
 * devDependency: production never loads or needs it). Everywhere else, JSON.
 */
function developmentStream(): DestinationStream | undefined {
  if (env.NODE_ENV !== "development") return undefined;
  try {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const pretty = require(require.resolve("pino-pretty")) as (
      options: object,
    ) => DestinationStream;
    return pretty({
      colorize: true,
      translateTime: "SYS:HH:MM:ss.l",
      ignore: "pid,hostname,service",
    });
  } catch {
    return undefined;
  }
}

/** The app's logger. Use `logger.child({ requestId })` for lines that belong to a request. */
export const logger: Logger = createLogger(developmentStream());
