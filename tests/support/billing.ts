// Billing test harness: the local Stripe emulator with the real SDK, the app's env pointed at it,
// the plan catalog synced, and helpers to drive checkout and replay webhook events.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { startCheckout } from "@/lib/billing/checkout";
import { syncCatalog } from "@/lib/billing/catalog-sync";
import { resetStripeClient } from "@/lib/billing/stripe";
import { db } from "@/lib/db";
import { billingAccounts, type BillingAccount } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { drainJobs } from "@/lib/jobs/worker";
import { startStripeEmulator } from "@/scripts/lib/stripe-emulator";
import { createTeam } from "./factories";

const mutableEnv = env as { -readonly [K in keyof typeof env]: (typeof env)[K] };

export interface BillingHarness {
  stripe: Stripe;
  emulatorUrl: string;
  webhookSecret: string;
  /** Deliver the emulator's webhooks to the app's route handler, live. */
  deliverLive(): Promise<void>;
  /**
   * A webhook outage: events created from now on are not delivered until `resumeDelivery`,
   * which posts them then, in order (as Stripe retries after an outage).
   */
  pauseDelivery(): Promise<void>;
  resumeDelivery(): Promise<void>;
  flushWebhooks(): Promise<void>;
  control(path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startBillingHarness(): Promise<BillingHarness> {
  const emulator = await startStripeEmulator({ port: 0, webhookRetryDelaysMs: [50, 100] });
  const base = new URL(emulator.url);
  mutableEnv.STRIPE_SECRET_KEY = emulator.secretKey;
  mutableEnv.STRIPE_WEBHOOK_SECRET = emulator.webhookSecret;
  mutableEnv.STRIPE_API_URL = emulator.url;
  resetStripeClient();
  const stripe = new Stripe(emulator.secretKey, {
    host: base.hostname,
    port: Number(base.port),
    protocol: "http",
  });
  await syncCatalog(stripe);

  let receiver: Server | undefined;
  let liveUrl: string | null = null;
  let pausedAfter: Set<string> | null = null;
  const control = async (path: string, body: unknown = {}) => {
    const response = await fetch(`${emulator.url}/_emulator/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${path}: ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  return {
    stripe,
    emulatorUrl: emulator.url,
    webhookSecret: emulator.webhookSecret,
    async deliverLive() {
      const { POST } = await import("@/app/api/webhooks/stripe/route");
      receiver = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(request.headers)) {
            if (typeof value === "string") headers.set(name, value);
          }
          void POST(
            new Request("http://localhost/api/webhooks/stripe", {
              method: "POST",
              headers,
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          ).then(async (result) => {
            response.writeHead(result.status, { "content-type": "application/json" });
            response.end(await result.text());
          });
        });
      });
      await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
      const port = (receiver.address() as AddressInfo).port;
      liveUrl = `http://127.0.0.1:${port}/api/webhooks/stripe`;
      emulator.setWebhookUrl(liveUrl);
    },
    async pauseDelivery() {
      await emulator.flushWebhooks();
      pausedAfter = new Set((await allEvents(stripe)).map((event) => event.id));
      await control("webhook", { url: null });
    },
    async resumeDelivery() {
      if (!liveUrl || !pausedAfter) throw new Error("resumeDelivery without deliverLive/pause");
      const missed = (await allEvents(stripe)).filter((event) => !pausedAfter!.has(event.id));
      pausedAfter = null;
      await control("webhook", { url: liveUrl });
      if (missed.length > 0) await control("resend-events", { ids: missed.map((e) => e.id) });
      await emulator.flushWebhooks();
    },
    flushWebhooks: () => emulator.flushWebhooks(),
    control,
    async close() {
      receiver?.closeAllConnections();
      await new Promise<void>((resolve) =>
        receiver ? receiver.close(() => resolve()) : resolve(),
      );
      await emulator.close();
    },
  };
}

/** Click "Pay" (or the declined card) on the emulator's hosted checkout page. */
export async function payCheckout(url: string, outcome: "pay" | "decline" = "pay") {
  const response = await fetch(`${url}/${outcome}`, { method: "POST", redirect: "manual" });
  return { status: response.status, location: response.headers.get("location") };
}

/** A Stripe-signed webhook request for an event, as Stripe would post it. */
export function signedStripeRequest(
  stripe: Stripe,
  secret: string,
  payload: string,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  return new Request("http://localhost/api/webhooks/stripe", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature },
    body: payload,
  });
}

/** Every event the emulator created, oldest first. */
export async function allEvents(stripe: Stripe): Promise<Stripe.Event[]> {
  const events = await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  return events.reverse();
}

/**
 * Let the emulator post its webhooks and the queue process them, `rounds` times (processing can
 * make Stripe send more: a second round delivers what the first one caused).
 */
export async function settleBilling(harness: BillingHarness, rounds = 1): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await harness.flushWebhooks();
    await drainJobs();
  }
}

/** A workspace's billing row as the app sees it now. */
export async function billingAccountOf(workspaceId: string): Promise<BillingAccount> {
  const [row] = await db
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  if (!row) throw new Error(`no billing account for ${workspaceId}`);
  return row;
}

/**
 * A new team on Free that subscribes to a plan through Checkout, end to end: pays on the
 * emulator's hosted page, then `settle` delivers the webhooks and runs the queue.
 */
export async function subscribeThroughCheckout(
  plan: "pro" | "team",
  seats: number | undefined,
  settle: () => Promise<void>,
) {
  const team = await createTeam();
  await db
    .update(billingAccounts)
    .set({ planId: "free", status: "none", stripeSubscriptionId: null, seats: 1 })
    .where(eq(billingAccounts.workspaceId, team.workspace.id));
  const { url } = await startCheckout({ userId: team.owner.id }, team.workspace.id, {
    plan,
    interval: "monthly",
    seats,
  });
  const paid = await payCheckout(url);
  if (paid.status !== 303) throw new Error(`checkout answered ${paid.status}, not 303`);
  await settle();
  const row = await billingAccountOf(team.workspace.id);
  return { team, customerId: row.stripeCustomerId!, subscriptionId: row.stripeSubscriptionId! };
}
