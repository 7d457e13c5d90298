import * as Sentry from "@sentry/nextjs";
import { after } from "next/server";
import { env } from "@/lib/env";
import { REQUEST_ID_HEADER } from "./request-id-header";

/**
 * Error reports to Sentry from the server, with who and which request they belong to. Every
 * function here does nothing when Sentry is not initialised (no SENTRY_DSN): the log has the
 * error either way. What an event may carry is decided by ./sentry-scrub.ts.
 */

export interface ReportContext {
  /** The `x-request-id` of the request (tag `request_id`), to find its log lines. */
  requestId?: string | null;
  /** The signed-in user's id; never an email or a name. */
  userId?: string | null;
  /** The user's active workspace (tag `workspace_id`). */
  workspaceId?: string | null;
  tags?: Record<string, string>;
  /** Groups events into one issue (e.g. every give-up of one job). */
  fingerprint?: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Longest wait for the session lookup; a report never waits on a slow database for long. */
const SESSION_LOOKUP_MS = 500;

export function isReportingErrors(): boolean {
  return Sentry.getClient() !== undefined;
}

function applyContext(scope: Sentry.Scope, context: ReportContext) {
  if (context.requestId) scope.setTag("request_id", context.requestId);
  if (context.userId) scope.setUser({ id: context.userId });
  if (context.workspaceId) scope.setTag("workspace_id", context.workspaceId);
  if (context.tags) scope.setTags(context.tags);
  if (context.fingerprint) scope.setFingerprint(context.fingerprint);
}

/** Serverless hosts freeze a function once it has answered: send the event before that. */
function flushAfterResponse() {
  if (!env.onVercel) return;
  try {
    after(() => Sentry.flush(2_000));
  } catch {
    // Outside a request (scripts, the worker on a long-running server): nothing freezes.
  }
}

/** Report an unexpected error (a 500 a route answered, a job that gave up). */
export function reportError(error: unknown, context: ReportContext = {}): void {
  if (!isReportingErrors()) return;
  Sentry.withScope((scope) => {
    applyContext(scope, context);
    Sentry.captureException(error);
  });
  flushAfterResponse();
}

/**
 * Report something an operator must look at that is not an error of ours (a conflicting Stripe
 * customer): a Sentry message at level `warning`.
 */
export function reportWarning(message: string, context: ReportContext = {}): void {
  if (!isReportingErrors()) return;
  Sentry.withScope((scope) => {
    applyContext(scope, context);
    scope.setLevel("warning");
    Sentry.captureMessage(message);
  });
  flushAfterResponse();
}

/**
 * The request id and the signed-in user of a request, from its headers. The session is read only
 * when an error is being reported (one query, bounded by SESSION_LOOKUP_MS), and only in the
 * Node.js runtime; a failed or slow lookup just leaves the user out.
 */
export async function requestContext(headers: Headers): Promise<ReportContext> {
  const id = headers.get(REQUEST_ID_HEADER);
  const context: ReportContext = { requestId: id && UUID.test(id) ? id : null };
  // A build-time constant (not configuration): the edge bundle drops the session lookup below.
  if (process.env.NEXT_RUNTIME === "edge") return context;
  try {
    const { readSession } = await import("@/lib/auth/read-session");
    let timer: NodeJS.Timeout | undefined;
    const session = await Promise.race([
      readSession(headers),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), SESSION_LOOKUP_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    if (session) {
      context.userId = session.user.id;
      context.workspaceId = session.activeWorkspaceId;
    }
  } catch {
    // No user on the report rather than no report.
  }
  return context;
}

type RequestErrorArgs = Parameters<typeof Sentry.captureRequestError>;

/**
 * Next.js's `onRequestError` (instrumentation.ts): an error a route handler, page, server action
 * or the proxy threw. Reported through the SDK's own `captureRequestError`, with the request id
 * and user added.
 */
export async function reportRequestError(
  error: unknown,
  request: RequestErrorArgs[1],
  errorContext: RequestErrorArgs[2],
): Promise<void> {
  if (!isReportingErrors()) return;
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  const context = await requestContext(headers);
  Sentry.withScope((scope) => {
    applyContext(scope, context);
    Sentry.captureRequestError(error, request, errorContext);
  });
}
