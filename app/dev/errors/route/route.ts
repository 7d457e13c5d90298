import { devToolsAllowed } from "@/lib/http/dev-tools";
import { problem, problemResponse } from "@/lib/http/problem";
import { devErrorKind, DevToolsTestError, throwDevError } from "@/lib/observability/dev-errors";

// GET /dev/errors/route – throws on purpose (dev tools, from this machine only; 404 otherwise).
// ?kind=expected throws an AppError (never reported); ?handled=1 answers the fault with
// problemResponse (a 500 that is logged and reported) instead of letting it reach onRequestError.
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  if (!devToolsAllowed(request.headers)) return problem(404, "not_found", "Not found.");
  const url = new URL(request.url);
  if (url.searchParams.get("handled") === "1") {
    return problemResponse(new DevToolsTestError("route handler (handled)"), url.pathname);
  }
  throwDevError("route handler", devErrorKind(url.searchParams.get("kind")));
}
