// Runs in the browser before the app hydrates: Sentry error reporting when NEXT_PUBLIC_SENTRY_DSN
// was set at build time (the NEXT_PUBLIC_ values come from lib/public-env.ts, inlined by
// `next build`, and are validated by lib/env.ts on the server). Session Replay is not set up here:
// it starts only after the visitor accepts analytics cookies
// (components/consent/consent-manager.tsx).
import * as Sentry from "@sentry/nextjs";
import { sentryOptions } from "@/lib/observability/sentry-options";
import { publicEnv } from "@/lib/public-env";

const dsn = publicEnv.NEXT_PUBLIC_SENTRY_DSN;

if (dsn) {
  Sentry.init({
    ...sentryOptions({
      dsn,
      environment: publicEnv.NEXT_PUBLIC_SENTRY_ENVIRONMENT,
      tracesSampleRate: publicEnv.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE,
    }),
    // Read by the replay integration once consent adds it; until then nothing is recorded.
    replaysSessionSampleRate: publicEnv.NEXT_PUBLIC_SENTRY_REPLAY_SAMPLE_RATE,
    replaysOnErrorSampleRate: 1,
  });
}

// Names client-side navigations in traces (a no-op without a DSN).
export const onRouterTransitionStart = Sentry.captureRouterTransitionStart;
