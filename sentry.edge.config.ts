// Sentry for the edge runtime (any route that opts into `runtime = "edge"`; none does today, and
// proxy.ts runs on Node.js). Loaded by instrumentation.ts; same settings as the server.
import * as Sentry from "@sentry/nextjs";
import { env } from "@/lib/env";
import { sentryOptions } from "@/lib/observability/sentry-options";

const dsn = env.SENTRY_DSN ?? env.NEXT_PUBLIC_SENTRY_DSN;

if (dsn) {
  Sentry.init(
    sentryOptions({
      dsn,
      environment: env.SENTRY_ENVIRONMENT,
      release: env.SENTRY_RELEASE,
      tracesSampleRate: env.SENTRY_TRACES_SAMPLE_RATE,
    }),
  );
}
