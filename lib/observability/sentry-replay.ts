import { publicEnv } from "@/lib/public-env";

/**
 * Sentry Session Replay follows the visitor's analytics consent (browser only). The SDK is
 * initialised without it (instrumentation-client.ts); the integration is added the first time
 * analytics is accepted and stopped when consent is withdrawn. Without NEXT_PUBLIC_SENTRY_DSN this
 * does nothing and loads nothing.
 */
export async function setReplayConsent(allowed: boolean): Promise<void> {
  if (!publicEnv.NEXT_PUBLIC_SENTRY_DSN) return;
  const Sentry = await import("@sentry/nextjs");
  if (!Sentry.getClient()) return;
  const replay = Sentry.getReplay();
  if (!allowed) {
    // Nothing more leaves the browser, not even the segment still pending.
    await replay?.stop({ flush: false });
    return;
  }
  if (replay) {
    // Accepted again on the same page: keep the last minute in memory, sent only with an error.
    if (!replay.getReplayId()) replay.startBuffering();
    return;
  }
  Sentry.addIntegration(
    Sentry.replayIntegration({ maskAllText: true, maskAllInputs: true, blockAllMedia: true }),
  );
}
