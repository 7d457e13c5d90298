import type { ErrorCode, ErrorStatus } from "@/lib/errors";

/**
 * An RFC 9457 `application/problem+json` response with a stable `code`. Dependency-free (only a
 * type import), so proxy.ts can answer with it too; route handlers use `problemResponse` in
 * ./problem.ts to map thrown errors.
 *
 * `code` is one of the typed codes in `ERROR_STATUS` (lib/errors.ts) and `status` must be that
 * code's status: `problem(404, "not_found", …)` compiles, `problem(404, "gone", …)` or
 * `problem(401, "forbidden", …)` does not.
 */
export function problem<C extends ErrorCode>(
  status: ErrorStatus<C>,
  code: C,
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
