// Runs in the browser before the app hydrates: Sentry error reporting when NEXT_PUBLIC_SENTRY_DSN
// was set at build time (the NEXT_PUBLIC_ values are inlined by `next build` and validated by
// lib/env.ts on the server). Session Replay is not set up here: it starts only after the visitor
// accepts analytics cookies (components/consent/consent-manager.tsx).
import * as Sentry from "@sentry/nextjs";
import { sentryOptions } from "@/lib/observability/sentry-options";

const dsn = process.env.NEXT_PUBLIC_SENTRY_DSN;

function rate(value: string | undefined): number {
  const number = Number(value ?? "0");
  return Number.isFinite(number) ? Math.min(Math.max(number, 0), 1) : 0;
}

if (dsn) {
  Sentry.init({
    ...sentryOptions({
      dsn,
      environment: process.env.NEXT_PUBLIC_SENTRY_ENVIRONMENT || process.env.NODE_ENV,
      tracesSampleRate: rate(process.env.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE),
    }),
    // Read by the replay integration once consent adds it; until then nothing is recorded.
    replaysSessionSampleRate: rate(process.env.NEXT_PUBLIC_SENTRY_REPLAY_SAMPLE_RATE),
    replaysOnErrorSampleRate: 1,
  });
}

// Names client-side navigations in traces (a no-op without a DSN).
export const onRouterTransitionStart = Sentry.captureRouterTransitionStart;
