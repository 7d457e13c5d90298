/**
 * One error type for expected failures. Domain code throws `AppError`; route handlers map it to
 * `application/problem+json` with `problemResponse` (lib/http/problem.ts), server actions show
 * `message` (and `fieldErrors` next to their fields).
 *
 * `ERROR_STATUS` is the one list of error codes an API response may carry (`ErrorCode`), each with
 * its HTTP status; `problem()` (lib/http/problem-json.ts) accepts only these. A new code goes here.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_signature: 400,
  /** A signed link or token (unsubscribe) that does not verify. */
  invalid_token: 400,
  limit_reached: 402,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  /** A dependency is down, or the feature is not configured here (its secret is not set). */
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The HTTP status of an error code (`ErrorStatus<"not_found">` is 404). */
export type ErrorStatus<C extends ErrorCode = ErrorCode> = (typeof ERROR_STATUS)[C];

export class AppError extends Error {
  readonly status: ErrorStatus;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
