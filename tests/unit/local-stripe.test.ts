// What `npm run dev` / `npm start` (scripts/run.ts) do for billing when no Stripe key is set.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalStripe, type LocalStripe } from "@/scripts/lib/local-stripe";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function start(...args: Parameters<typeof startLocalStripe>): Promise<LocalStripe> {
  const local = await startLocalStripe(...args);
  cleanups.push(() => local.stop());
  return local;
}

function sdkFor(local: LocalStripe) {
  const url = new URL(local.env.STRIPE_API_URL!);
  return new Stripe(local.env.STRIPE_SECRET_KEY!, {
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });
}

describe("startLocalStripe", () => {
  it("runs nothing when a Stripe key is configured", async () => {
    const local = await start({
      appUrl: "http://localhost:3000",
      env: { STRIPE_SECRET_KEY: "sk_live_abc", NODE_ENV: "development" },
    });
    expect(local.env).toEqual({});
    expect(local.summary).toBe("Stripe (live mode, STRIPE_SECRET_KEY)");
  });

  it("refuses the emulator when the launcher itself runs with NODE_ENV=production", async () => {
    const local = await start({ appUrl: "http://localhost:3000", env: { NODE_ENV: "production" } });
    expect(local.env).toEqual({});
    expect(local.summary).toMatch(/^not configured .*NODE_ENV=production/);
  });

  it("refuses the emulator for a public APP_URL", async () => {
    const local = await start({ appUrl: "https://feedback.example.com", env: {} });
    expect(local.env).toEqual({});
    expect(local.summary).toMatch(/^not configured .*loopback APP_URL/);
  });

  it("starts the emulator with the catalog synced and webhooks aimed at the app", async () => {
    const received: string[] = [];
    const app = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push(`${req.url} ${(JSON.parse(body) as { type: string }).type}`);
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => app.close(() => resolve())));
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;

    const local = await start({ appUrl, env: {} });

    expect(local.summary).toBe(
      `local Stripe emulator (test mode) at ${local.env.STRIPE_API_URL}; no real money moves`,
    );
    expect(local.env).toMatchObject({
      STRIPE_SECRET_KEY: "sk_test_emulator",
      STRIPE_WEBHOOK_SECRET: expect.stringMatching(/^whsec_/) as unknown,
      STRIPE_API_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) as unknown,
    });
    const stripe = sdkFor(local);
    const { data } = await stripe.prices.list({
      lookup_keys: ["pro_monthly", "pro_yearly", "team_monthly", "team_yearly"],
    });
    expect(data).toHaveLength(4);

    // The catalog's own events went nowhere; what happens after start waits for the app to be
    // ready (so none is given up against a port nobody listens on yet), then reaches it in order.
    await stripe.customers.create({ email: "owner@example.com" });
    await stripe.customers.create({ email: "second@example.com" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toEqual([]);
    local.appReady();
    await expect
      .poll(() => received)
      .toEqual(["/api/webhooks/stripe customer.created", "/api/webhooks/stripe customer.created"]);
    await stripe.customers.create({ email: "third@example.com" });
    await expect.poll(() => received).toHaveLength(3);
  });

  it("keeps its state in the state file across restarts", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "pb-local-stripe-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const stateFile = path.join(dir, "stripe-emulator.json");

    const first = await start({ appUrl: "http://localhost:3000", env: {}, stateFile });
    const customer = await sdkFor(first).customers.create({ email: "kept@example.com" });
    const prices = await sdkFor(first).prices.list({ limit: 100 });
    await first.stop();
    expect(await readFile(stateFile, "utf8")).toContain(customer.id);

    const second = await start({ appUrl: "http://localhost:3000", env: {}, stateFile });
    expect((await sdkFor(second).customers.retrieve(customer.id)).id).toBe(customer.id);
    // The re-sync found the catalog in place and added nothing.
    expect((await sdkFor(second).prices.list({ limit: 100 })).data).toEqual(prices.data);
  });
});
