/**
 * One error type for expected failures. Domain code throws `AppError`; routes and actions map it
 * with `toProblem` (lib/http/problem.ts) or show `message` next to the field it names.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_signature: 400,
  limit_reached: 402,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;

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
