// Billing for `npm run dev` / `npm start` (scripts/run.ts) when no Stripe key is configured: the
// local Stripe emulator, started in the launcher process (never inside Next.js), with the plan
// catalog synced into it. See docs/runbooks/stripe-emulator.md, "npm run dev and e2e".
import Stripe from "stripe";
import { syncCatalog } from "@/lib/billing/catalog-sync";
import { startStripeEmulator } from "./stripe-emulator/index";

export type LocalStripe = {
  /** One line for the launcher's banner: what billing runs on. */
  summary: string;
  /** Variables for the Next.js child (empty when nothing was started). */
  env: Record<string, string>;
  /** Stops the emulator (flushing its state file); a no-op when nothing was started. */
  stop(): Promise<void>;
  /**
   * Posts the webhook events the emulator queued since it started (the demo billing seed's, made
   * before the app listens) and every later one; call once the app answers. Until then they wait.
   */
  appReady(): void;
};

export type LocalStripeOptions = {
  /** The app's public URL; webhooks go to `${appUrl}/api/webhooks/stripe`. */
  appUrl: string;
  /** The environment the launcher itself was started with (not the child's). */
  env: Record<string, string | undefined>;
  /** Keep the emulator's state here across restarts; omit for a throwaway state. */
  stateFile?: string;
};

const isLoopback = (url: string) => {
  if (!URL.canParse(url)) return false;
  const host = new URL(url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
};

const nothing = async () => {};

export async function startLocalStripe(options: LocalStripeOptions): Promise<LocalStripe> {
  const { env, appUrl } = options;
  if (env.STRIPE_SECRET_KEY) {
    const mode = env.STRIPE_SECRET_KEY.includes("_live_") ? "live mode" : "test mode";
    const where = env.STRIPE_API_URL ? ` at ${env.STRIPE_API_URL}` : "";
    return {
      summary: `Stripe${where} (${mode}, STRIPE_SECRET_KEY)`,
      env: {},
      stop: nothing,
      appReady: () => {},
    };
  }
  if (env.NODE_ENV === "production") {
    return {
      summary:
        "not configured (no STRIPE_SECRET_KEY; the local Stripe emulator does not run with NODE_ENV=production)",
      env: {},
      stop: nothing,
      appReady: () => {},
    };
  }
  if (!isLoopback(appUrl)) {
    return {
      summary: `not configured (no STRIPE_SECRET_KEY; the local Stripe emulator only runs for a loopback APP_URL, not ${appUrl})`,
      env: {},
      stop: nothing,
      appReady: () => {},
    };
  }

  const port = Number(env.STRIPE_EMULATOR_PORT || "0");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `STRIPE_EMULATOR_PORT must be a port number (0-65535), got "${env.STRIPE_EMULATOR_PORT}"`,
    );
  }
  // No webhook target yet: the catalog sync below would only post product and price events to
  // an app that is not listening yet.
  const emulator = await startStripeEmulator({
    port,
    stateFile: options.stateFile,
    // Under `next dev` the webhook route compiles on its first request (5-15 s on a busy
    // machine); an attempt given up mid-compile leaves an "aborted" error in the app's log.
    webhookTimeoutMs: 60_000,
  });
  try {
    const client = new Stripe(emulator.secretKey, {
      host: "127.0.0.1",
      port: emulator.port,
      protocol: "http",
      maxNetworkRetries: 0,
      telemetry: false,
    });
    await syncCatalog(client);
  } catch (error) {
    await emulator.close();
    throw error;
  }
  // Events from here on (the demo billing seed's) wait for the app: posted before it listens,
  // each would be retried into a closed port and given up, and the app would never hear of them.
  emulator.holdWebhooks();
  emulator.setWebhookUrl(`${appUrl.replace(/\/$/, "")}/api/webhooks/stripe`);

  return {
    summary: `local Stripe emulator (test mode) at ${emulator.url}; no real money moves`,
    env: {
      STRIPE_SECRET_KEY: emulator.secretKey,
      STRIPE_WEBHOOK_SECRET: emulator.webhookSecret,
      STRIPE_API_URL: emulator.url,
    },
    stop: () => emulator.close(),
    appReady: () => emulator.releaseWebhooks(),
  };
}
