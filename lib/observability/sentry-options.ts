import type { Breadcrumb, ErrorEvent, EventHint } from "@sentry/nextjs";
import { beforeSend, scrubBreadcrumb, scrubSpan, type SpanShape } from "./sentry-scrub";

export interface SentrySettings {
  dsn: string;
  /** `production`, `preview`, `development` … (SENTRY_ENVIRONMENT, default NODE_ENV). */
  environment: string;
  /** Unset: the release the build injected (withSentryConfig), if any. */
  release?: string;
  /** Share of requests traced, 0–1. */
  tracesSampleRate: number;
}

/**
 * The options every runtime's `Sentry.init` shares (server, edge, browser): no default PII, the
 * one scrubber (./sentry-scrub.ts) on events, spans and breadcrumbs, and expected errors dropped.
 */
export function sentryOptions(settings: SentrySettings) {
  return {
    dsn: settings.dsn,
    environment: settings.environment,
    ...(settings.release ? { release: settings.release } : {}),
    tracesSampleRate: settings.tracesSampleRate,
    sendDefaultPii: false,
    beforeSend: (event: ErrorEvent, hint: EventHint) => beforeSend(event, hint),
    // Spans are streamed (the SDK's default), so they are scrubbed here, not per transaction.
    beforeSendSpan: <T extends SpanShape>(span: T) => scrubSpan(span),
    beforeBreadcrumb: (breadcrumb: Breadcrumb) => scrubBreadcrumb(breadcrumb),
  };
}
