// A local, stateful Stripe emulator (dev/test tooling; never in the production path).
// The real `stripe` SDK talks to it through its host/port/protocol options:
//
//   const emulator = await startStripeEmulator({ webhookUrl: "http://127.0.0.1:3000/api/webhooks/stripe" });
//   const stripe = new Stripe(emulator.secretKey, { host: "127.0.0.1", port: emulator.port, protocol: "http" });
//
// What it implements, and where it simplifies Stripe: docs/runbooks/stripe-emulator.md.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { ApiHandler } from "./api/index";
import { Clock } from "./clock";
import type { AfterFailedRetries, EmulatorContext } from "./context";
import { EventLog } from "./events";
import { createRequestHandler } from "./server";
import { emptyState } from "./state";
import { loadStateFile, StateFileWriter } from "./state-file";
import { DEFAULT_RETRY_DELAYS_MS, WebhookDispatcher } from "./webhooks";

export { signWebhookPayload } from "./webhooks";

export const EMULATOR_SECRET_KEY = "sk_test_emulator";
export const DEFAULT_EMULATOR_WEBHOOK_SECRET = "whsec_emulator_0000000000000000000000000000";

export type StripeEmulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Where to POST events; also settable later (setWebhookUrl, POST /_emulator/webhook). */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Base URL of the hosted pages as the browser reaches them; defaults to the server's URL. */
  publicUrl?: string;
  /** Load state from this JSON file at start and keep it written after changes. */
  stateFile?: string;
  /** Time source in milliseconds (default Date.now); emulated time starts here. */
  now?: () => number;
  /** What a subscription becomes when the last retry of an invoice fails (Stripe's default: canceled). */
  afterFailedRetries?: AfterFailedRetries;
  /** Pauses between webhook delivery attempts (default 0.2 s, 1 s, 5 s, 5 s: five attempts). */
  webhookRetryDelaysMs?: number[];
  /** How long one delivery attempt may take before it counts as failed (default 10 s). */
  webhookTimeoutMs?: number;
  /** Where warnings go (failed webhook deliveries, unexpected errors); default console.warn. */
  log?: (message: string) => void;
};

export type StripeEmulator = {
  url: string;
  port: number;
  secretKey: typeof EMULATOR_SECRET_KEY;
  webhookSecret: string;
  setWebhookUrl(url: string): void;
  /** Queue webhook events without posting them (the app is not listening yet)… */
  holdWebhooks(): void;
  /** …and post them, in order, once it is. */
  releaseWebhooks(): void;
  /** Resolves when all queued webhook deliveries finished (delivered or given up). */
  flushWebhooks(): Promise<void>;
  close(): Promise<void>;
};

export async function startStripeEmulator(
  options: StripeEmulatorOptions = {},
): Promise<StripeEmulator> {
  if (process.env.NODE_ENV === "production") {
    throw new Error(
      "The Stripe emulator is dev/test tooling and refuses to run with NODE_ENV=production",
    );
  }
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((message: string) => console.warn(message));
  const webhookSecret = options.webhookSecret ?? DEFAULT_EMULATOR_WEBHOOK_SECRET;
  const state = (options.stateFile && loadStateFile(options.stateFile)) || emptyState();
  const writer = options.stateFile ? new StateFileWriter(options.stateFile, () => state) : null;
  const webhooks = new WebhookDispatcher(
    options.webhookUrl ?? null,
    webhookSecret,
    options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    log,
    options.webhookTimeoutMs,
  );
  const events = new EventLog(
    () => state,
    Stripe.API_VERSION,
    (event) => {
      writer?.schedule();
      return webhooks.enqueue(event);
    },
  );
  let serverUrl = "";
  const ctx: EmulatorContext = {
    state,
    clock: new Clock(state, options.now ?? Date.now),
    events,
    publicUrl: () => (options.publicUrl ?? serverUrl).replace(/\/$/, ""),
    afterFailedRetries: options.afterFailedRetries ?? "canceled",
  };
  const api = new ApiHandler(ctx);
  const handler = createRequestHandler({
    ctx,
    api,
    webhooks,
    log,
    changed: () => writer?.schedule(),
    reset: () => {
      // Replace the tables in place: everything holds a reference to this one state object.
      Object.assign(state, emptyState());
      api.forgetIdempotencyKeys();
    },
  });

  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  serverUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url: serverUrl,
    port,
    secretKey: EMULATOR_SECRET_KEY,
    webhookSecret,
    setWebhookUrl: (url) => webhooks.setUrl(url),
    holdWebhooks: () => webhooks.hold(),
    releaseWebhooks: () => webhooks.release(),
    flushWebhooks: () => webhooks.flush(),
    close: async () => {
      webhooks.close();
      await writer?.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
