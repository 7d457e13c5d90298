// The local Stripe emulator, driven by the real `stripe` SDK (as the app drives it) and checked
// for what a user of the emulator notices: responses, redirects, events, signed webhooks.
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseForm } from "@/scripts/lib/stripe-emulator/form";
import {
  startStripeEmulator,
  type StripeEmulator,
  type StripeEmulatorOptions,
} from "@/scripts/lib/stripe-emulator/index";

const DAY = 86_400;
const T0 = Date.UTC(2026, 0, 15, 12); // 2026-01-15 12:00 UTC
const T0_SECONDS = T0 / 1000;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
  vi.unstubAllEnvs();
});

async function start(options: StripeEmulatorOptions = {}) {
  const emulator = await startStripeEmulator({ now: () => T0, log: () => {}, ...options });
  cleanups.push(() => emulator.close());
  const stripe = new Stripe(emulator.secretKey, {
    host: "127.0.0.1",
    port: emulator.port,
    protocol: "http",
    maxNetworkRetries: 0,
  });
  return { emulator, stripe };
}

async function control(emulator: StripeEmulator, route: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/_emulator/${route}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Every event, oldest first (the API lists newest first). */
async function eventTypes(stripe: Stripe, after?: string) {
  const events = await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  const chronological = events.reverse();
  const start = after ? chronological.findIndex((e) => e.id === after) + 1 : 0;
  return chronological.slice(start);
}

async function lastEventId(stripe: Stripe) {
  const { data } = await stripe.events.list({ limit: 1 });
  return data[0]?.id;
}

async function seedCatalog(stripe: Stripe) {
  const pro = await stripe.products.create({ id: "prod_pro", name: "Pro" });
  const team = await stripe.products.create({ id: "prod_team", name: "Team" });
  const proMonthly = await stripe.prices.create({
    product: pro.id,
    currency: "usd",
    unit_amount: 2900,
    recurring: { interval: "month" },
    lookup_key: "pro_monthly",
    nickname: "Pro monthly",
  });
  const teamMonthly = await stripe.prices.create({
    product: team.id,
    currency: "usd",
    unit_amount: 1200,
    recurring: { interval: "month" },
    lookup_key: "team_monthly",
    nickname: "Team monthly",
  });
  return { proMonthly, teamMonthly };
}

async function pay(session: Stripe.Checkout.Session, action: "pay" | "decline" = "pay") {
  return fetch(`${session.url}/${action}`, { method: "POST", redirect: "manual" });
}

/** Checkout → "Pay" → the subscription, as a customer clicking through would leave it. */
async function subscribe(
  stripe: Stripe,
  price: Stripe.Price,
  options: { customer?: string; quantity?: number; trialDays?: number } = {},
) {
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    ...(options.customer ? { customer: options.customer } : { customer_email: "ada@example.com" }),
    line_items: [{ price: price.id, quantity: options.quantity ?? 1 }],
    subscription_data: options.trialDays ? { trial_period_days: options.trialDays } : undefined,
    success_url: "http://app.test/billing?session={CHECKOUT_SESSION_ID}",
    cancel_url: "http://app.test/pricing",
  });
  const response = await pay(session);
  expect(response.status).toBe(303);
  const completed = await stripe.checkout.sessions.retrieve(session.id, {
    expand: ["subscription"],
  });
  return { session: completed, subscription: completed.subscription as Stripe.Subscription };
}

type Delivery = { body: string; signature: string; userAgent: string; status: number };

async function startReceiver(statuses: number[] = []) {
  const attempts: Delivery[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const status = statuses.shift() ?? 200;
      attempts.push({
        body,
        signature: String(req.headers["stripe-signature"]),
        userAgent: String(req.headers["user-agent"]),
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  const delivered = () => attempts.filter((a) => a.status === 200);
  return { url, attempts, delivered };
}

describe("request parsing", () => {
  it("reads the SDK's bracket notation into nested objects and arrays", () => {
    expect(
      parseForm(
        "line_items[0][price]=p1&line_items[0][quantity]=2&line_items[1][price]=p2" +
          "&expand[]=a&expand[]=b.c&metadata[0]=zero&metadata[note]=a+b%26c&cancel_at=",
      ),
    ).toEqual({
      line_items: [{ price: "p1", quantity: "2" }, { price: "p2" }],
      expand: ["a", "b.c"],
      metadata: { "0": "zero", note: "a b&c" },
      cancel_at: "",
    });
  });
});

describe("Stripe emulator API", () => {
  it("refuses requests without a test key, the way Stripe does", async () => {
    const { emulator } = await start();
    const noKey = await fetch(`${emulator.url}/v1/customers`);
    expect(noKey.status).toBe(401);
    const live = new Stripe("sk_live_123", {
      host: "127.0.0.1",
      port: emulator.port,
      protocol: "http",
    });
    await expect(live.customers.list()).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
  });

  it("keeps lookup keys unique unless transferred, and lists prices by lookup key with products", async () => {
    const { stripe } = await start();
    const { proMonthly } = await seedCatalog(stripe);

    const duplicate = stripe.prices.create({
      product: "prod_pro",
      currency: "usd",
      unit_amount: 3900,
      recurring: { interval: "month" },
      lookup_key: "pro_monthly",
    });
    await expect(duplicate).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      param: "lookup_key",
      message: expect.stringContaining(proMonthly.id),
    });

    const replacement = await stripe.prices.create({
      product: "prod_pro",
      currency: "usd",
      unit_amount: 3900,
      recurring: { interval: "month" },
      lookup_key: "pro_monthly",
      transfer_lookup_key: true,
    });
    expect((await stripe.prices.retrieve(proMonthly.id)).lookup_key).toBeNull();

    const listed = await stripe.prices.list({
      lookup_keys: ["pro_monthly", "team_monthly"],
      expand: ["data.product"],
    });
    expect(
      listed.data.map((p) => [p.lookup_key, p.unit_amount, (p.product as Stripe.Product).name]),
    ).toEqual([
      ["pro_monthly", 3900, "Pro"],
      ["team_monthly", 1200, "Team"],
    ]);
    expect(listed.data[0]!.id).toBe(replacement.id);

    const moved = (await stripe.events.list({ type: "price.updated" })).data[0]!;
    expect(moved.data.object).toMatchObject({ id: proMonthly.id, lookup_key: null });
    expect(moved.data.previous_attributes).toEqual({ lookup_key: "pro_monthly" });

    const missing = stripe.products.retrieve("prod_nope");
    await expect(missing).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(missing).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("replays a repeated POST with the same Idempotency-Key instead of doing it twice", async () => {
    const { stripe } = await start();
    const first = await stripe.customers.create(
      { email: "a@example.com" },
      { idempotencyKey: "k-1" },
    );
    const again = await stripe.customers.create(
      { email: "a@example.com" },
      { idempotencyKey: "k-1" },
    );
    expect(again.id).toBe(first.id);
    expect((await stripe.customers.list()).data).toHaveLength(1);
    expect((await stripe.events.list({ type: "customer.created" })).data).toHaveLength(1);

    const reused = stripe.customers.create({ email: "b@example.com" }, { idempotencyKey: "k-1" });
    await expect(reused).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    const event = (await stripe.events.list({ type: "customer.created" })).data[0]!;
    expect(event.request).toEqual({ id: expect.stringMatching(/^req_/), idempotency_key: "k-1" });
  });

  it("creates, updates, lists and deletes customers", async () => {
    const { stripe } = await start();
    const ada = await stripe.customers.create({
      email: "ada@example.com",
      name: "Ada",
      metadata: { workspace: "ws_1" },
    });
    expect(ada).toMatchObject({ object: "customer", livemode: false, created: T0_SECONDS });
    expect(ada.id).toMatch(/^cus_/);
    await stripe.customers.create({ email: "bob@example.com" });

    const renamed = await stripe.customers.update(ada.id, {
      name: "Ada Lovelace",
      metadata: { plan: "pro" },
    });
    expect(renamed.metadata).toEqual({ workspace: "ws_1", plan: "pro" });
    const updated = (await stripe.events.list({ type: "customer.updated" })).data[0]!;
    expect(updated.data.previous_attributes).toEqual({
      name: "Ada",
      metadata: { workspace: "ws_1" },
    });

    const found = await stripe.customers.list({ email: "ada@example.com" });
    expect(found.data.map((c) => c.id)).toEqual([ada.id]);

    const deleted = await stripe.customers.del(ada.id);
    expect(deleted).toMatchObject({ id: ada.id, deleted: true });
    expect(await stripe.customers.retrieve(ada.id)).toMatchObject({ id: ada.id, deleted: true });
    expect((await stripe.customers.list()).data.map((c) => c.email)).toEqual(["bob@example.com"]);
    expect(
      (await stripe.events.list({ type: "customer.deleted" })).data[0]!.data.object,
    ).toMatchObject({
      id: ada.id,
      email: "ada@example.com",
    });
  });
});

describe("hosted checkout", () => {
  it("pays a trial checkout: redirect, trialing subscription, ordered events, signed webhooks", async () => {
    const receiver = await startReceiver();
    const { emulator, stripe } = await start({ webhookUrl: receiver.url });
    const { teamMonthly } = await seedCatalog(stripe);
    const before = await lastEventId(stripe);

    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer_email: "ada@example.com",
      client_reference_id: "ws_123",
      line_items: [{ price: teamMonthly.id, quantity: 3 }],
      subscription_data: { trial_period_days: 14, metadata: { workspace: "ws_123" } },
      success_url: "http://app.test/billing?session={CHECKOUT_SESSION_ID}",
      cancel_url: "http://app.test/pricing",
    });
    expect(session).toMatchObject({ status: "open", payment_status: "unpaid", amount_total: 0 });
    expect(session.url).toBe(`${emulator.url}/checkout/${session.id}`);

    const page = await (await fetch(session.url!)).text();
    expect(page).toContain('<button type="submit">Pay</button>');
    expect(page).toContain("Team (Team monthly)");
    expect(page).toContain('aria-label="Use a declined card">Pay with a declined card');
    expect(page).toContain('href="http://app.test/pricing">Cancel</a>');

    const response = await pay(session);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`http://app.test/billing?session=${session.id}`);

    const completed = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ["subscription", "customer"],
    });
    expect(completed).toMatchObject({ status: "complete", payment_status: "no_payment_required" });
    expect((completed.customer as Stripe.Customer).email).toBe("ada@example.com");
    const subscription = completed.subscription as Stripe.Subscription;
    expect(subscription).toMatchObject({
      status: "trialing",
      trial_start: T0_SECONDS,
      trial_end: T0_SECONDS + 14 * DAY,
      metadata: { workspace: "ws_123" },
    });
    expect(subscription.items.data[0]).toMatchObject({
      quantity: 3,
      price: { id: teamMonthly.id, lookup_key: "team_monthly" },
      current_period_end: T0_SECONDS + 14 * DAY,
    });
    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice).toMatchObject({
      status: "paid",
      amount_due: 0,
      billing_reason: "subscription_create",
    });
    expect(invoice.parent?.subscription_details?.subscription).toBe(subscription.id);

    const events = await eventTypes(stripe, before);
    expect(events.map((e) => e.type)).toEqual([
      "customer.created",
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "checkout.session.completed",
    ]);
    // Snapshots are of their moment: the invoice was a draft when it was created.
    expect(events[2]!.data.object).toMatchObject({ object: "invoice", status: "draft" });
    expect(events.at(-1)!.data.object).toMatchObject({
      id: session.id,
      client_reference_id: "ws_123",
      subscription: subscription.id,
    });

    await emulator.flushWebhooks();
    const delivered = receiver.delivered();
    const allEvents = await eventTypes(stripe);
    expect(delivered).toHaveLength(allEvents.length);
    const verified = delivered.map((d) =>
      stripe.webhooks.constructEvent(d.body, d.signature, emulator.webhookSecret),
    );
    expect(verified.map((e) => e.id)).toEqual(allEvents.map((e) => e.id));
    expect(delivered[0]!.userAgent).toBe("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
    expect(() =>
      stripe.webhooks.constructEvent(delivered[0]!.body, delivered[0]!.signature, "whsec_wrong"),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it("shows a declined card and creates nothing", async () => {
    const { stripe } = await start();
    const { proMonthly } = await seedCatalog(stripe);
    const before = await lastEventId(stripe);
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer_email: "ada@example.com",
      line_items: [{ price: proMonthly.id, quantity: 1 }],
      success_url: "http://app.test/ok",
    });

    const response = await pay(session, "decline");
    expect(response.status).toBe(402);
    expect(await response.text()).toContain("Your card was declined.");
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: "open" });
    expect((await stripe.subscriptions.list({ status: "all" })).data).toHaveLength(0);
    expect((await stripe.customers.list()).data).toHaveLength(0);
    expect(await eventTypes(stripe, before)).toEqual([]);
  });

  it("charges at once without a trial, and refuses checkout for a customer whose card fails", async () => {
    const { emulator, stripe } = await start();
    const { proMonthly } = await seedCatalog(stripe);
    const { session, subscription } = await subscribe(stripe, proMonthly);
    expect(session.payment_status).toBe("paid");
    expect(subscription.status).toBe("active");
    const charges = await stripe.charges.list({ customer: subscription.customer as string });
    expect(charges.data.map((c) => [c.amount, c.status])).toEqual([[2900, "succeeded"]]);

    const customer = await stripe.customers.create({ email: "broke@example.com" });
    await control(emulator, `customers/${customer.id}/card`, { behavior: "fail" });
    const refused = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: proMonthly.id }],
      success_url: "http://app.test/ok",
    });
    expect((await pay(refused)).status).toBe(402);
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
  });
});

describe("subscription changes", () => {
  it("bills a plan and seat change with prorations, now or on the next invoice", async () => {
    let now = T0;
    const { emulator, stripe } = await start({ now: () => now });
    const { proMonthly, teamMonthly } = await seedCatalog(stripe);
    const { subscription } = await subscribe(stripe, proMonthly);
    const period = subscription.items.data[0]!;
    // Halfway through the period: half of it is unused.
    now =
      (period.current_period_start +
        (period.current_period_end - period.current_period_start) / 2) *
      1000;

    const upgraded = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: period.id, price: teamMonthly.id, quantity: 3 }],
      proration_behavior: "always_invoice",
    });
    expect(upgraded.items.data[0]).toMatchObject({ price: { id: teamMonthly.id }, quantity: 3 });
    const proration = await stripe.invoices.retrieve(upgraded.latest_invoice as string);
    expect(proration).toMatchObject({
      billing_reason: "subscription_update",
      status: "paid",
      amount_due: -1450 + 1800,
    });
    expect(proration.lines.data.map((l) => l.amount)).toEqual([-1450, 1800]);
    const updated = (await stripe.events.list({ type: "customer.subscription.updated" })).data[0]!;
    expect(Object.keys(updated.data.previous_attributes ?? {})).toContain("items");

    // Default proration_behavior: the lines wait for the next renewal invoice.
    await stripe.subscriptions.update(subscription.id, { items: [{ id: period.id, quantity: 5 }] });
    const unchanged = await stripe.subscriptions.retrieve(subscription.id);
    expect(unchanged.latest_invoice).toBe(proration.id);

    await control(emulator, "advance", { seconds: 16 * DAY });
    const renewed = await stripe.subscriptions.retrieve(subscription.id, {
      expand: ["latest_invoice"],
    });
    const renewal = renewed.latest_invoice as Stripe.Invoice;
    expect(renewal.billing_reason).toBe("subscription_cycle");
    expect(renewal.lines.data.map((l) => l.amount)).toEqual([-1800, 3000, 6000]);
    expect(renewal.amount_paid).toBe(7200);
    expect(renewed.items.data[0]!.current_period_start).toBe(period.current_period_end);
  });

  it("cancels at period end: scheduled, then deleted when time passes the period end", async () => {
    const { emulator, stripe } = await start();
    const { proMonthly } = await seedCatalog(stripe);
    const { subscription } = await subscribe(stripe, proMonthly);
    const periodEnd = subscription.items.data[0]!.current_period_end;

    const scheduled = await stripe.subscriptions.update(subscription.id, {
      cancel_at_period_end: true,
    });
    expect(scheduled).toMatchObject({
      status: "active",
      cancel_at_period_end: true,
      cancel_at: periodEnd,
    });
    const update = (await stripe.events.list({ type: "customer.subscription.updated" })).data[0]!;
    expect(update.data.previous_attributes).toMatchObject({
      cancel_at_period_end: false,
      cancel_at: null,
    });

    await control(emulator, "advance", { seconds: 40 * DAY });
    const ended = await stripe.subscriptions.retrieve(subscription.id);
    expect(ended).toMatchObject({ status: "canceled", ended_at: periodEnd });
    const deleted = (await stripe.events.list({ type: "customer.subscription.deleted" })).data;
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.created).toBe(periodEnd);
    // Nothing was billed after the cancellation.
    expect((await stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(1);
    expect((await stripe.subscriptions.list()).data).toHaveLength(0);
    expect((await stripe.subscriptions.list({ status: "all" })).data).toHaveLength(1);
  });

  it("ends a trial early with trial_end=now and serves the hosted invoice", async () => {
    const { stripe } = await start();
    const { teamMonthly } = await seedCatalog(stripe);
    const { subscription } = await subscribe(stripe, teamMonthly, { quantity: 3, trialDays: 14 });
    const before = await lastEventId(stripe);

    const ended = await stripe.subscriptions.update(subscription.id, {
      trial_end: "now",
      expand: ["latest_invoice", "items.data.price.product"],
    });
    expect(ended).toMatchObject({ status: "active", trial_end: T0_SECONDS });
    expect((ended.items.data[0]!.price.product as Stripe.Product).name).toBe("Team");
    const invoice = ended.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: "paid", amount_paid: 3600 });
    expect((await eventTypes(stripe, before)).map((e) => e.type)).toEqual([
      "customer.subscription.trial_will_end",
      "customer.subscription.updated",
      "invoice.created",
      "invoice.finalized",
      "charge.succeeded",
      "invoice.paid",
      "invoice.payment_succeeded",
    ]);

    const hosted = await fetch(invoice.hosted_invoice_url!);
    expect(hosted.status).toBe(200);
    const html = await hosted.text();
    expect(html).toContain(`Invoice ${invoice.number}`);
    expect(html).toContain("$36.00");
  });

  it("cancels immediately", async () => {
    const { stripe } = await start();
    const { proMonthly } = await seedCatalog(stripe);
    const { subscription } = await subscribe(stripe, proMonthly);
    const canceled = await stripe.subscriptions.cancel(subscription.id);
    expect(canceled).toMatchObject({
      status: "canceled",
      canceled_at: T0_SECONDS,
      ended_at: T0_SECONDS,
    });
    expect((await stripe.events.list({ type: "customer.subscription.deleted" })).data).toHaveLength(
      1,
    );
  });
});

describe("test clocks", () => {
  async function onClock(options: StripeEmulatorOptions = {}) {
    const context = await start(options);
    const catalog = await seedCatalog(context.stripe);
    const clock = await context.stripe.testHelpers.testClocks.create({
      frozen_time: T0_SECONDS,
      name: "renewals",
    });
    const customer = await context.stripe.customers.create({
      email: "clock@example.com",
      test_clock: clock.id,
    });
    const advance = (seconds: number) =>
      context.stripe.testHelpers.testClocks.advance(clock.id, {
        frozen_time: T0_SECONDS + seconds,
      });
    return { ...context, ...catalog, clock, customer, advance };
  }

  it("runs a trial: warning 3 days before, then the first paid invoice makes it active", async () => {
    const { stripe, teamMonthly, customer, advance } = await onClock();
    const { subscription } = await subscribe(stripe, teamMonthly, {
      customer: customer.id,
      quantity: 3,
      trialDays: 14,
    });
    const before = await lastEventId(stripe);

    await advance(12 * DAY);
    const warned = await eventTypes(stripe, before);
    expect(warned.map((e) => e.type)).toEqual(["customer.subscription.trial_will_end"]);
    expect(warned[0]!.created).toBe(T0_SECONDS + 11 * DAY);

    const advanced = await advance(15 * DAY);
    expect(advanced).toMatchObject({ status: "ready", frozen_time: T0_SECONDS + 15 * DAY });
    const active = await stripe.subscriptions.retrieve(subscription.id, {
      expand: ["latest_invoice"],
    });
    expect(active.status).toBe("active");
    expect(active.items.data[0]!.current_period_start).toBe(T0_SECONDS + 14 * DAY);
    expect(active.latest_invoice).toMatchObject({
      status: "paid",
      amount_paid: 3600,
      billing_reason: "subscription_cycle",
    });
    const types = (await eventTypes(stripe, before)).map((e) => e.type);
    expect(types).toEqual([
      "customer.subscription.trial_will_end",
      "customer.subscription.updated",
      "invoice.created",
      "invoice.finalized",
      "charge.succeeded",
      "invoice.paid",
      "invoice.payment_succeeded",
    ]);
    const statusChange = (await stripe.events.list({ type: "customer.subscription.updated" }))
      .data[0]!;
    expect(statusChange.data.previous_attributes).toMatchObject({ status: "trialing" });
  });

  it("goes past_due when a renewal fails, and back to active when a retry succeeds", async () => {
    const { emulator, stripe, proMonthly, customer, advance } = await onClock();
    const { subscription } = await subscribe(stripe, proMonthly, { customer: customer.id });
    const periodEnd = subscription.items.data[0]!.current_period_end;
    await control(emulator, `customers/${customer.id}/card`, { behavior: "fail" });

    await advance(periodEnd - T0_SECONDS + 3600);
    const pastDue = await stripe.subscriptions.retrieve(subscription.id, {
      expand: ["latest_invoice"],
    });
    expect(pastDue.status).toBe("past_due");
    const failed = pastDue.latest_invoice as Stripe.Invoice;
    expect(failed).toMatchObject({
      status: "open",
      attempt_count: 1,
      next_payment_attempt: periodEnd + 3 * DAY,
    });
    const failure = (await stripe.events.list({ type: "invoice.payment_failed" })).data;
    expect(failure.map((e) => (e.data.object as Stripe.Invoice).id)).toEqual([failed.id]);

    await control(emulator, `customers/${customer.id}/card`, { behavior: "succeed" });
    await advance(periodEnd - T0_SECONDS + 4 * DAY);
    const recovered = await stripe.subscriptions.retrieve(subscription.id);
    expect(recovered.status).toBe("active");
    expect(await stripe.invoices.retrieve(failed.id)).toMatchObject({
      status: "paid",
      attempt_count: 2,
    });
    const paid = (await stripe.events.list({ type: "invoice.paid" })).data[0]!;
    expect(paid.created).toBe(periodEnd + 3 * DAY);
  });

  it("cancels the subscription after the last retry fails (Stripe's default)", async () => {
    const { emulator, stripe, proMonthly, customer, advance } = await onClock();
    const { subscription } = await subscribe(stripe, proMonthly, { customer: customer.id });
    const periodEnd = subscription.items.data[0]!.current_period_end;
    await control(emulator, `customers/${customer.id}/card`, { behavior: "fail" });

    await advance(periodEnd - T0_SECONDS + 8 * DAY);
    const canceled = await stripe.subscriptions.retrieve(subscription.id);
    expect(canceled).toMatchObject({
      status: "canceled",
      ended_at: periodEnd + 7 * DAY,
      cancellation_details: { reason: "payment_failed" },
    });
    const failures = await stripe.events.list({ type: "invoice.payment_failed" });
    expect(failures.data.map((e) => e.created).reverse()).toEqual(
      [0, 3, 5, 7].map((days) => periodEnd + days * DAY),
    );
    expect((await stripe.events.list({ type: "customer.subscription.deleted" })).data).toHaveLength(
      1,
    );
  });

  it("leaves the subscription unpaid after the last retry with afterFailedRetries: unpaid", async () => {
    const { emulator, stripe, proMonthly, customer, advance } = await onClock({
      afterFailedRetries: "unpaid",
    });
    const { subscription } = await subscribe(stripe, proMonthly, { customer: customer.id });
    const periodEnd = subscription.items.data[0]!.current_period_end;
    await control(emulator, `customers/${customer.id}/card`, { behavior: "requires_action" });

    await advance(periodEnd - T0_SECONDS + 8 * DAY);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("unpaid");
    expect(
      (await stripe.events.list({ type: "invoice.payment_action_required" })).data,
    ).toHaveLength(4);
    expect((await stripe.events.list({ type: "customer.subscription.deleted" })).data).toHaveLength(
      0,
    );
  });

  it("refuses to move a clock backwards", async () => {
    const { stripe, clock } = await onClock();
    await expect(
      stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: T0_SECONDS - 1 }),
    ).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "frozen_time" });
  });
});

describe("coupons", () => {
  it("applies a coupon to a subscription: announced, and taken off the next invoices", async () => {
    const { emulator, stripe } = await start({ now: () => T0 });
    const { proMonthly } = await seedCatalog(stripe);
    const { subscription } = await subscribe(stripe, proMonthly);
    const once = await stripe.coupons.create({ id: "ONCE10", amount_off: 1000, currency: "usd" });
    expect(once).toMatchObject({ id: "ONCE10", duration: "once", valid: true });
    await expect(
      stripe.coupons.create({ percent_off: 120, duration: "forever" }),
    ).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "percent_off" });
    await expect(
      stripe.subscriptions.update(subscription.id, { discounts: [{ coupon: "MISSING" }] }),
    ).rejects.toMatchObject({ type: "StripeInvalidRequestError", code: "resource_missing" });

    const updated = await stripe.subscriptions.update(subscription.id, {
      discounts: [{ coupon: "ONCE10" }],
    });
    expect(JSON.stringify(updated.discounts)).toContain("ONCE10");
    const event = (await stripe.events.list({ type: "customer.subscription.updated" })).data[0]!;
    expect(Object.keys(event.data.previous_attributes ?? {})).toContain("discounts");

    // The next renewal is $10 off; a `once` coupon is used up by it.
    await control(emulator, "advance", { seconds: 31 * DAY });
    const first = (await stripe.invoices.list({ subscription: subscription.id })).data[0]!;
    expect(first).toMatchObject({ subtotal: 2900, total: 1900, amount_paid: 1900 });
    await control(emulator, "advance", { seconds: 31 * DAY });
    const second = (await stripe.invoices.list({ subscription: subscription.id })).data[0]!;
    expect(second).toMatchObject({ subtotal: 2900, amount_paid: 2900 });
    expect((await stripe.subscriptions.retrieve(subscription.id)).discounts).toEqual([]);
  });
});

describe("refunds, disputes and the portal", () => {
  it("announces refunds and disputes on the charge", async () => {
    const { emulator, stripe } = await start();
    const { proMonthly } = await seedCatalog(stripe);
    const { subscription } = await subscribe(stripe, proMonthly);
    const [charge] = (await stripe.charges.list({ customer: subscription.customer as string }))
      .data;

    const refund = await stripe.refunds.create({ charge: charge!.id, amount: 1000 });
    expect(refund).toMatchObject({ object: "refund", amount: 1000, status: "succeeded" });
    const refunded = (await stripe.events.list({ type: "charge.refunded" })).data[0]!;
    expect(refunded.data.object).toMatchObject({
      id: charge!.id,
      amount_refunded: 1000,
      refunded: false,
    });
    expect(refunded.data.previous_attributes).toMatchObject({ amount_refunded: 0 });
    await expect(stripe.refunds.create({ charge: charge!.id, amount: 5000 })).rejects.toMatchObject(
      {
        code: "amount_too_large",
      },
    );

    const { status, json } = await control(emulator, `charges/${charge!.id}/dispute`, {});
    expect(status).toBe(200);
    const disputed = (await stripe.events.list({ type: "charge.dispute.created" })).data[0]!;
    expect(disputed.data.object).toMatchObject({
      id: json.id,
      object: "dispute",
      charge: charge!.id,
      amount: 1900,
    });
    expect((await stripe.charges.retrieve(charge!.id)).disputed).toBe(true);
  });

  it("lets the customer change seats, cancel and break their card in the portal", async () => {
    const { stripe } = await start();
    const { teamMonthly } = await seedCatalog(stripe);
    const { subscription } = await subscribe(stripe, teamMonthly, { quantity: 3 });
    const portal = await stripe.billingPortal.sessions.create({
      customer: subscription.customer as string,
      return_url: "http://app.test/billing",
    });
    expect(portal.id).toMatch(/^bps_/);

    const page = await (await fetch(portal.url)).text();
    for (const label of [
      "Update seats",
      "Cancel plan",
      "Cancel immediately",
      "Use a card that fails",
    ]) {
      expect(page).toContain(`>${label}</button>`);
    }
    expect(page).toContain('href="http://app.test/billing">Return to Problemboard</a>');
    expect(page).toContain(`/invoices/${subscription.latest_invoice as string}`);

    const post = (action: string, form: Record<string, string>) =>
      fetch(`${portal.url}/${action}`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      });
    const seats = await post("update-seats", { subscription: subscription.id, quantity: "5" });
    expect(seats.status).toBe(303);
    expect(seats.headers.get("location")).toBe(portal.url);
    await post("cancel", { subscription: subscription.id });
    const changed = await stripe.subscriptions.retrieve(subscription.id);
    expect(changed.items.data[0]!.quantity).toBe(5);
    expect(changed.cancel_at_period_end).toBe(true);
    expect(await (await fetch(portal.url)).text()).toContain(">Renew plan</button>");

    const bad = await post("update-seats", { subscription: subscription.id, quantity: "-2" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("greater than or equal to 0");
  });
});

describe("webhook delivery", () => {
  it("retries an event the receiver refused, and keeps creation order", async () => {
    const receiver = await startReceiver([500]);
    const { emulator, stripe } = await start({ webhookUrl: receiver.url });
    await stripe.customers.create({ email: "one@example.com" });
    await stripe.customers.create({ email: "two@example.com" });
    await emulator.flushWebhooks();

    expect(receiver.attempts.map((a) => a.status)).toEqual([500, 200, 200]);
    const bodies = receiver.delivered().map((d) => JSON.parse(d.body) as Stripe.Event);
    expect(bodies.map((e) => (e.data.object as Stripe.Customer).email)).toEqual([
      "one@example.com",
      "two@example.com",
    ]);
    expect(receiver.attempts[0]!.body).toBe(receiver.attempts[1]!.body);
  });

  it("gives up after the last attempt and says so; resends events on request", async () => {
    const receiver = await startReceiver([500, 500, 500]);
    const log = vi.fn();
    const { emulator, stripe } = await start({
      webhookUrl: receiver.url,
      webhookRetryDelaysMs: [5, 5],
      log,
    });
    const customer = await stripe.customers.create({ email: "one@example.com" });
    await emulator.flushWebhooks();
    expect(receiver.attempts).toHaveLength(3);
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining("gave up delivering customer.created"),
    );

    const created = (await stripe.events.list()).data[0]!;
    await control(emulator, "resend-events", { ids: [created.id, created.id] });
    await emulator.flushWebhooks();
    const resent = receiver.delivered().map((d) => JSON.parse(d.body) as Stripe.Event);
    expect(resent.map((e) => [e.id, (e.data.object as Stripe.Customer).id])).toEqual([
      [created.id, customer.id],
      [created.id, customer.id],
    ]);
  });
});

describe("emulator lifecycle", () => {
  it("refuses to start with NODE_ENV=production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    await expect(startStripeEmulator()).rejects.toThrow(
      "The Stripe emulator is dev/test tooling and refuses to run with NODE_ENV=production",
    );
  });

  it("keeps its state in a state file across restarts", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "stripe-emulator-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const stateFile = path.join(dir, "nested", "stripe.json");

    const first = await start({ stateFile });
    const { proMonthly } = await seedCatalog(first.stripe);
    const { subscription } = await subscribe(first.stripe, proMonthly);
    await control(first.emulator, "advance", { seconds: DAY });
    await first.emulator.close();

    const second = await start({ stateFile });
    const restored = await second.stripe.subscriptions.retrieve(subscription.id);
    expect(restored.status).toBe("active");
    expect((await second.stripe.prices.list({ lookup_keys: ["pro_monthly"] })).data[0]!.id).toBe(
      proMonthly.id,
    );
    expect((await control(second.emulator, "state")).json.now).toBe(T0_SECONDS + DAY);

    await control(second.emulator, "reset", {});
    expect((await second.stripe.customers.list()).data).toHaveLength(0);
  });

  it("pages through more than 100 events with the SDK's auto-pagination", async () => {
    const { stripe } = await start();
    for (let i = 0; i < 105; i++) await stripe.customers.create({ email: `c${i}@example.com` });

    const firstPage = await stripe.events.list({ limit: 100 });
    expect(firstPage).toMatchObject({ object: "list", has_more: true, url: "/v1/events" });
    const all = await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 1000 });
    expect(all).toHaveLength(105);
    expect(new Set(all.map((e) => e.id)).size).toBe(105);
    expect((all[0]!.data.object as Stripe.Customer).email).toBe("c104@example.com");
    expect((all[104]!.data.object as Stripe.Customer).email).toBe("c0@example.com");
    const customers = await stripe.customers.list({ limit: 30 }).autoPagingToArray({ limit: 1000 });
    expect(customers).toHaveLength(105);
  });
});
