import { headers } from "next/headers";
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { createOutageLog } from "@/lib/observability/outage-log";
import { currentRequestId } from "@/lib/observability/request-id";
import { isReportingErrors, reportError, requestContext } from "@/lib/observability/report-error";
import { problem } from "./problem-json";

export { problem } from "./problem-json";

/** Seconds a client is asked to wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// Requests failing for want of a database: one line when it starts, one a minute after (the
// worker and readiness log the outage and its end too), never one per request or a Sentry event.
const databaseOutage = createOutageLog("Requests: database unavailable");

/**
 * Map any thrown value to an RFC 9457 `application/problem+json` response with a stable `code`.
 * Expected errors keep their message; a database that is down or not answering becomes a 503 with
 * Retry-After (try again shortly); anything else becomes a generic 500 (and is logged with the
 * request id, and reported to Sentry when it is configured), so no stack trace or internal detail
 * reaches a client.
 */
export function problemResponse(error: unknown, instance?: string): Response {
  if (error instanceof ZodError) {
    return problem(422, "validation_failed", "Check the highlighted fields.", instance, {
      errors: error.flatten().fieldErrors,
    });
  }
  if (error instanceof AppError) {
    return problem(
      error.status,
      error.code,
      error.message,
      instance,
      error.fieldErrors ? { errors: error.fieldErrors } : {},
    );
  }
  if (isDatabaseUnavailable(error)) {
    databaseOutage.failed(error);
    const response = problem(
      503,
      "unavailable",
      "The service is briefly unavailable. Please try again in a few seconds.",
      instance,
    );
    response.headers.set("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
    return response;
  }
  void logUnexpected(error, instance);
  return problem(500, "internal", "Something went wrong on our side.", instance);
}

async function logUnexpected(error: unknown, instance: string | undefined) {
  const requestId = await currentRequestId().catch(() => null);
  logger.error({ err: error, requestId, instance }, "Unexpected error answered with 500");
  if (!isReportingErrors()) return;
  let context = {};
  try {
    context = await requestContext(await headers());
  } catch {
    // Outside a request: the error alone.
  }
  reportError(error, { ...context, requestId, tags: instance ? { instance } : undefined });
}
