/**
 * An RFC 9457 `application/problem+json` response with a stable `code`. Dependency-free, so
 * proxy.ts can answer with it too; route handlers use `problemResponse` in ./problem.ts to map
 * thrown errors.
 */
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
