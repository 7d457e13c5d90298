// The catalog sync against the local Stripe emulator, through the real SDK: what ends up in
// Stripe after one run, after a second, after a price change, and after a dry run.
import Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { catalogProductId, syncCatalog } from "@/lib/billing/catalog-sync";
import { PLANS, type Plan } from "@/lib/billing/plans";
import { startStripeEmulator } from "@/scripts/lib/stripe-emulator/index";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function start() {
  const emulator = await startStripeEmulator({ port: 0, log: () => {} });
  cleanups.push(() => emulator.close());
  const stripe = new Stripe("sk_test_emulator", {
    host: "127.0.0.1",
    port: emulator.port,
    protocol: "http",
    maxNetworkRetries: 0,
  });
  return { emulator, stripe };
}

async function allPrices(stripe: Stripe) {
  return stripe.prices.list({ limit: 100 }).autoPagingToArray({ limit: 1000 });
}

async function allProducts(stripe: Stripe) {
  return stripe.products.list({ limit: 100 }).autoPagingToArray({ limit: 1000 });
}

async function priceByLookupKey(stripe: Stripe, lookupKey: string) {
  const { data } = await stripe.prices.list({ lookup_keys: [lookupKey] });
  expect(data).toHaveLength(1);
  return data[0]!;
}

const ALL_OBJECTS = [
  "product pb_pro",
  "price pro_monthly",
  "price pro_yearly",
  "product pb_team",
  "price team_monthly",
  "price team_yearly",
];

describe("syncCatalog", () => {
  it("creates a product per purchasable plan and a price per interval", async () => {
    const { stripe } = await start();
    const lines: string[] = [];

    const result = await syncCatalog(stripe, { log: (line) => lines.push(line) });

    expect(result).toEqual({ created: ALL_OBJECTS, updated: [], unchanged: [] });
    expect(lines).toContain("create price team_monthly: $12 per seat / month");

    const products = await allProducts(stripe);
    expect(products.map((p) => p.id).sort()).toEqual(["pb_pro", "pb_team"]);
    const pro = products.find((p) => p.id === catalogProductId("pro"))!;
    expect(pro).toMatchObject({
      name: "Pro",
      description: PLANS.pro.tagline,
      active: true,
      metadata: { plan_id: "pro" },
    });

    const prices = await allPrices(stripe);
    expect(prices).toHaveLength(4);
    const expected = [
      ["pro_monthly", "pb_pro", 2900, "month", "Pro monthly"],
      ["pro_yearly", "pb_pro", 29000, "year", "Pro yearly"],
      ["team_monthly", "pb_team", 1200, "month", "Team monthly"],
      ["team_yearly", "pb_team", 12000, "year", "Team yearly"],
    ] as const;
    for (const [lookupKey, product, amount, interval, nickname] of expected) {
      const price = await priceByLookupKey(stripe, lookupKey);
      expect(price).toMatchObject({
        product,
        currency: "usd",
        unit_amount: amount,
        recurring: { interval, interval_count: 1 },
        tax_behavior: "exclusive",
        nickname,
        active: true,
        metadata: { plan_id: product.slice(3), interval: lookupKey.split("_")[1] },
      });
    }
  });

  it("changes nothing when run a second time", async () => {
    const { stripe } = await start();
    await syncCatalog(stripe);
    const pricesBefore = await allPrices(stripe);
    const productsBefore = await allProducts(stripe);

    const result = await syncCatalog(stripe);

    expect(result).toEqual({ created: [], updated: [], unchanged: ALL_OBJECTS });
    expect(await allPrices(stripe)).toEqual(pricesBefore);
    expect(await allProducts(stripe)).toEqual(productsBefore);
  });

  it("moves the lookup key to a new price and archives the old one when the amount changes", async () => {
    const { stripe } = await start();
    await syncCatalog(stripe);
    const old = await priceByLookupKey(stripe, "pro_monthly");
    const dearer: Plan = { ...PLANS.pro, prices: { monthly: 35_00, yearly: 290_00 } };
    const lines: string[] = [];

    const result = await syncCatalog(stripe, {
      plans: [dearer, PLANS.team],
      log: (line) => lines.push(line),
    });

    expect(result.created).toEqual([]);
    expect(result.updated).toEqual(["price pro_monthly"]);
    expect(result.unchanged).toHaveLength(5);
    expect(lines.find((line) => line.startsWith("replace price pro_monthly"))).toMatch(
      /amount changed; price_\w+ \(\$35 \/ month\) takes the lookup key/,
    );

    const current = await priceByLookupKey(stripe, "pro_monthly");
    expect(current.id).not.toBe(old.id);
    expect(current).toMatchObject({ unit_amount: 3500, product: "pb_pro", active: true });
    const archived = await stripe.prices.retrieve(old.id);
    expect(archived).toMatchObject({ active: false, lookup_key: null, unit_amount: 2900 });
    expect(await allPrices(stripe)).toHaveLength(5);

    // Converged: the next run with the same catalog changes nothing.
    const again = await syncCatalog(stripe, { plans: [dearer, PLANS.team] });
    expect(again.updated).toEqual([]);
    expect(again.created).toEqual([]);
  });

  it("replaces a price made by hand that holds a catalog lookup key with the wrong amount", async () => {
    const { stripe } = await start();
    await stripe.products.create({ id: "pb_team", name: "Team" });
    const stray = await stripe.prices.create({
      product: "pb_team",
      currency: "usd",
      unit_amount: 999,
      recurring: { interval: "month" },
      lookup_key: "team_monthly",
    });

    const result = await syncCatalog(stripe);

    expect(result.updated).toEqual(["product pb_team", "price team_monthly"]);
    expect((await priceByLookupKey(stripe, "team_monthly")).unit_amount).toBe(1200);
    expect((await stripe.prices.retrieve(stray.id)).active).toBe(false);
    expect((await stripe.products.retrieve("pb_team")).description).toBe(PLANS.team.tagline);
  });

  it("updates a renamed product in place and reactivates an archived price", async () => {
    const { stripe } = await start();
    await syncCatalog(stripe);
    const yearly = await priceByLookupKey(stripe, "team_yearly");
    await stripe.prices.update(yearly.id, { active: false });
    const renamed: Plan = { ...PLANS.team, name: "Teams", tagline: "For teams." };

    const result = await syncCatalog(stripe, { plans: [PLANS.pro, renamed] });

    // The monthly price only gets its new nickname; the yearly one is also reactivated.
    expect(result.updated).toEqual(["product pb_team", "price team_monthly", "price team_yearly"]);
    expect(await stripe.products.retrieve("pb_team")).toMatchObject({
      name: "Teams",
      description: "For teams.",
    });
    expect(await priceByLookupKey(stripe, "team_yearly")).toMatchObject({
      id: yearly.id,
      active: true,
      nickname: "Teams yearly",
    });
    expect(await allPrices(stripe)).toHaveLength(4);
  });

  it("reports what it would do in a dry run and writes nothing", async () => {
    const { stripe } = await start();
    const lines: string[] = [];

    const fresh = await syncCatalog(stripe, { dryRun: true, log: (line) => lines.push(line) });

    expect(fresh).toEqual({ created: ALL_OBJECTS, updated: [], unchanged: [] });
    expect(lines[0]).toBe('would create product pb_pro "Pro"');
    expect(await allProducts(stripe)).toEqual([]);
    expect(await allPrices(stripe)).toEqual([]);

    await syncCatalog(stripe);
    const before = await allPrices(stripe);
    const cheaper: Plan = { ...PLANS.team, prices: { monthly: 10_00, yearly: 100_00 } };
    const changed = await syncCatalog(stripe, { dryRun: true, plans: [PLANS.pro, cheaper] });

    expect(changed.updated).toEqual(["price team_monthly", "price team_yearly"]);
    expect(await allPrices(stripe)).toEqual(before);
  });

  it("skips plans that are not bought through checkout", async () => {
    const { stripe } = await start();

    const result = await syncCatalog(stripe, { plans: [PLANS.free, PLANS.enterprise] });

    expect(result).toEqual({ created: [], updated: [], unchanged: [] });
    expect(await allProducts(stripe)).toEqual([]);
  });
});
