import type { Logger } from "pino";
import { logger as appLogger } from "./logger";

export interface OutageLog {
  /** A call that needs the dependency failed. */
  failed(error: unknown): void;
  /** A call that needs the dependency worked. */
  ok(): void;
  readonly down: boolean;
}

export interface OutageLogOptions {
  /** How often a continuing outage is logged again (default every minute). */
  repeatMs?: number;
  logger?: Logger;
  /** Elapsed time (tests); the wall clock by default. */
  nowMs?: () => number;
}

function brief(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split("\n")[0]!.slice(0, 300);
}

/**
 * Logs a dependency's state changes instead of every failure: one error with the full cause when
 * it goes down, one short line a minute while it stays down (with the count of failures since),
 * and one line when it recovers (with how long it was down). A worker polling every second
 * during a database outage writes three lines a minute, not sixty 3 KB stack traces.
 */
export function createOutageLog(what: string, options: OutageLogOptions = {}): OutageLog {
  const { repeatMs = 60_000, logger = appLogger, nowMs = Date.now } = options;
  let downSince: number | null = null;
  let lastLogged = 0;
  let failures = 0;
  let failuresSinceLog = 0;

  return {
    get down() {
      return downSince !== null;
    },
    failed(error) {
      const at = nowMs();
      failures += 1;
      failuresSinceLog += 1;
      if (downSince === null) {
        downSince = at;
        lastLogged = at;
        failuresSinceLog = 0;
        logger.error({ dependency: what, err: error }, `${what}: down`);
        return;
      }
      if (at - lastLogged >= repeatMs) {
        logger.error(
          {
            dependency: what,
            downForMs: at - downSince,
            failures,
            failuresSinceLastLog: failuresSinceLog,
            error: brief(error),
          },
          `${what}: still down`,
        );
        lastLogged = at;
        failuresSinceLog = 0;
      }
    },
    ok() {
      if (downSince === null) return;
      logger.info(
        { dependency: what, downForMs: nowMs() - downSince, failures },
        `${what}: recovered`,
      );
      downSince = null;
      failures = 0;
      failuresSinceLog = 0;
    },
  };
}
