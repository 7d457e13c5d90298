import type { Instrumentation } from "next";

// Runs once when a server instance starts: set up error reporting (sentry.server.config.ts /
// sentry.edge.config.ts; nothing without SENTRY_DSN), validate the environment (lib/env.ts throws
// with every bad variable named), say which services this instance runs on, and start the job
// worker when this is a long-running server.
// (process.env.NEXT_RUNTIME is the one raw read allowed here: Next.js writes the runtime into each
// bundle as a constant, so the edge bundle drops the Node.js branch and what it imports.)
export async function register() {
  if (process.env.NEXT_RUNTIME === "edge") {
    await import("./sentry.edge.config");
    return;
  }
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (env.isBuildPhase) return;
  await import("./sentry.server.config");
  const worker = env.JOBS_WORKER === "on" && !env.onVercel;
  const parts = [
    `database: ${env.DATABASE_EMBEDDED === "1" ? "embedded PGlite" : env.DATABASE_URL ? "PostgreSQL" : "not configured"}`,
    `rate limits and cache: ${env.UPSTASH_REDIS_REST_URL ? "Upstash Redis" : "in this process only (run one instance, or configure Redis)"}`,
    `email: ${env.RESEND_API_KEY ? "Resend" : "local outbox"}`,
    `jobs: ${worker ? "worker in this process" : "cron route /api/cron/jobs"}`,
    `errors: ${env.SENTRY_DSN || env.NEXT_PUBLIC_SENTRY_DSN ? "Sentry and the log" : "the log only"}`,
  ];
  console.log(`Problemboard instance starting: ${parts.join("; ")}`);
  if (!env.UPSTASH_REDIS_REST_URL) (await import("@/lib/redis/client")).markSingleInstanceSaid();

  if (worker && env.DATABASE_URL) {
    const { startWorker } = await import("@/lib/jobs/worker");
    startWorker({ stopOnSignals: true });
  }
}

// An error thrown by a route handler, page, server action or the proxy: to Sentry with the
// request id and the signed-in user (lib/observability/report-error.ts). Expected errors
// (AppError, notFound(), redirect()) are dropped by the scrubber's beforeSend.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  const { reportRequestError } = await import("@/lib/observability/report-error");
  await reportRequestError(error, request, context);
};
