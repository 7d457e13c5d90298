import { headers } from "next/headers";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { currentRequestId } from "@/lib/observability/request-id";
import { isReportingErrors, reportError, requestContext } from "@/lib/observability/report-error";
import { problem } from "./problem-json";

export { problem } from "./problem-json";

/**
 * Map any thrown value to an RFC 9457 `application/problem+json` response with a stable `code`.
 * Expected errors keep their message; anything else becomes a generic 500 (and is logged with the
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
