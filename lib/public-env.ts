/**
 * The configuration the browser bundle may read, for code that runs in the browser
 * (instrumentation-client.ts, client components). Server code reads `env` from ./env.ts.
 *
 * Every value is a literal `process.env.NEXT_PUBLIC_…` read: `next build` replaces exactly those
 * expressions with the value it was built with, so the browser gets it. Anything else (a computed
 * key, destructuring, passing `process.env` on) is `undefined` in the browser. This module imports
 * nothing and never throws, so it costs the browser bundle almost nothing; the formats are
 * validated on the server by ./env.ts, which checks the same NEXT_PUBLIC_ variables at start.
 *
 * ESLint allows `process.env` only here, in ./env.ts and in tooling (eslint.config.mjs).
 */

/** A share between 0 and 1; anything else is 0 (the server refuses it at start anyway). */
function share(value: string | undefined): number {
  const number = Number(value ?? "0");
  return Number.isFinite(number) ? Math.min(Math.max(number, 0), 1) : 0;
}

const nodeEnv = process.env.NODE_ENV;

export const publicEnv = {
  NODE_ENV: nodeEnv,
  /** Browser error reporting; unset, the browser loads no Sentry at all. */
  NEXT_PUBLIC_SENTRY_DSN: process.env.NEXT_PUBLIC_SENTRY_DSN || undefined,
  /** The `environment` on browser events; default NODE_ENV. */
  NEXT_PUBLIC_SENTRY_ENVIRONMENT: process.env.NEXT_PUBLIC_SENTRY_ENVIRONMENT || nodeEnv,
  /** Share of page loads traced, 0–1; default 0. */
  NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: share(process.env.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE),
  /** Share of sessions recorded by Session Replay (after analytics consent only), 0–1; default 0. */
  NEXT_PUBLIC_SENTRY_REPLAY_SAMPLE_RATE: share(process.env.NEXT_PUBLIC_SENTRY_REPLAY_SAMPLE_RATE),
} as const;
