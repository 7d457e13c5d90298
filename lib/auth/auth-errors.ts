import { AsyncLocalStorage } from "node:async_hooks";
import { isAPIError } from "better-auth/api";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { problem } from "@/lib/http/problem-json";
import { logger } from "@/lib/observability/logger";
import { createOutageLog } from "@/lib/observability/outage-log";

/**
 * Better Auth answers an error it did not expect with a bare 500. When the cause is the database
 * being away, the auth route and callAuth answer 503 with Retry-After instead, like every other
 * route (lib/http/problem.ts). Better Auth's `onAPIError.onError` (lib/auth/auth.ts) sees the
 * error; the request that raised it is found through async context.
 */
const current = new AsyncLocalStorage<{ databaseUnavailable: boolean }>();
const outage = createOutageLog("Auth: database unavailable");

/** Run one call into Better Auth's router, noting whether it failed for want of a database. */
export async function trackAuthRequest(
  run: () => Promise<Response>,
): Promise<{ response: Response; databaseUnavailable: boolean }> {
  const state = { databaseUnavailable: false };
  const response = await current.run(state, run);
  return { response, databaseUnavailable: state.databaseUnavailable && response.status >= 500 };
}

/** Better Auth's `onAPIError.onError`: log what it would have, note a missing database. */
export function onAuthError(error: unknown): void {
  if (isAPIError(error)) {
    if (error.status === "INTERNAL_SERVER_ERROR")
      logger.error({ err: error }, "Auth endpoint failed");
    return;
  }
  if (isDatabaseUnavailable(error)) {
    const state = current.getStore();
    if (state) state.databaseUnavailable = true;
    outage.failed(error);
    return;
  }
  logger.error({ err: error }, "Auth endpoint failed");
}

/** The 503 for an auth request that failed for want of a database. */
export function authUnavailableResponse(instance: string): Response {
  const response = problem(
    503,
    "unavailable",
    "Signing in is briefly unavailable. Please try again in a few seconds.",
    instance,
  );
  response.headers.set("retry-after", "5");
  return response;
}
