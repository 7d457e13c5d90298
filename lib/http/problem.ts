import { ZodError } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Map any thrown value to an RFC 9457 `application/problem+json` response with a stable `code`.
 * Expected errors keep their message; anything else becomes a generic 500 (and is logged), so
 * no stack trace or internal detail reaches a client.
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
  console.error(error);
  return problem(500, "internal", "Something went wrong on our side.", instance);
}

export function problem(
  status: number,
  code: string,
  detail: string,
  instance?: string,
  extra: Record<string, unknown> = {},
): Response {
  return Response.json(
    {
      type: `https://problemboard.dev/errors/${code}`,
      title: code,
      status,
      code,
      detail,
      instance,
      ...extra,
    },
    {
      status,
      headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
    },
  );
}
