// Errors in Stripe's shape, so the real SDK raises its own classes (400/404 →
// StripeInvalidRequestError, 401 → StripeAuthenticationError, idempotency_error →
// StripeIdempotencyError).

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "StripeApiError";
  }

  toBody() {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.param ? { param: this.param } : {}),
        ...(this.code ? { code: this.code } : {}),
      },
    };
  }
}

export function invalidRequest(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, "invalid_request_error", message, param, code);
}

export function resourceMissing(kind: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError(
    404,
    "invalid_request_error",
    `No such ${kind}: '${id}'`,
    param,
    "resource_missing",
  );
}
