import type { ChildProcess } from "node:child_process";
import { constants } from "node:os";

/**
 * The exit code to report for a child: its own, or 128 + the signal's number when a signal
 * killed it (SIGKILL, an OOM kill: 137), as a shell reports it, so a supervisor that restarts on
 * failure sees a failure.
 */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  if (signal) return 128 + (constants.signals[signal] ?? 0);
  return 1;
}

const FORWARDED = ["SIGTERM", "SIGINT", "SIGHUP"] as const;

/**
 * Pass SIGTERM, SIGINT and SIGHUP on to `child` while it runs, and resolve with its exit code
 * (exitCodeOf) once it has exited. The launcher waits for its child this way instead of exiting
 * under it.
 */
export function superviseChild(child: ChildProcess): Promise<number> {
  const handlers = FORWARDED.map((signal) => {
    const handler = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return new Promise((resolve) => {
    const done = (code: number) => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      resolve(code);
    };
    child.once("exit", (code, signal) => done(exitCodeOf(code, signal)));
    child.once("error", () => done(1));
  });
}
