// Sentry for the Node.js runtime (route handlers, server components, server actions, the proxy
// and the in-process job worker). Loaded by instrumentation.ts; without SENTRY_DSN (or
// NEXT_PUBLIC_SENTRY_DSN) nothing is initialised and errors go to the log only.
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
