import { createHash } from "node:crypto";
import type Stripe from "stripe";
import {
  BILLING_INTERVALS,
  PLAN_CURRENCY,
  formatPlanPrice,
  listPlans,
  type BillingInterval,
  type Plan,
  type PlanId,
} from "./plans";

/**
 * Make Stripe's catalog match the plan catalog in `plans.ts` (`npm run stripe:sync`, and
 * `scripts/run.ts` against the local emulator). Each purchasable plan gets one Product with a
 * stable id (`pb_<planId>`) and one recurring Price per interval, found by its `lookup_key`.
 *
 * Prices are immutable in Stripe: when the amount, currency, interval, tax behaviour or product
 * of the price holding a lookup key differ from the catalog, a new price takes the key over
 * (`transfer_lookup_key`) and the old one is archived. Existing subscriptions stay on the old
 * price until they are moved; new checkouts get the new one. Running the sync again changes
 * nothing.
 */

export type CatalogSyncOptions = {
  /** Read Stripe and report what would change, without writing anything. */
  dryRun?: boolean;
  /** Receives one line per product and price. */
  log?: (line: string) => void;
  /** The catalog to sync; defaults to `listPlans()`. Plans without `lookupKeys` are skipped. */
  plans?: readonly Plan[];
};

export type CatalogSyncResult = {
  created: string[];
  updated: string[];
  unchanged: string[];
};

const STRIPE_INTERVAL: Record<BillingInterval, Stripe.PriceCreateParams.Recurring.Interval> = {
  monthly: "month",
  yearly: "year",
};

const TAX_BEHAVIOR = "exclusive";

type PurchasablePlan = Plan & {
  readonly prices: NonNullable<Plan["prices"]>;
  readonly lookupKeys: NonNullable<Plan["lookupKeys"]>;
};

/** The Stripe product id of a plan: stable, so the sync finds it again without a search. */
export function catalogProductId(planId: PlanId): string {
  return `pb_${planId}`;
}

/**
 * Idempotency keys derived from what the request does, so a sync retried after a crash or a
 * network error never creates a second product or price. A replacement price's key includes the
 * price it replaces, so returning to an earlier amount later is a new request, not a replay.
 */
function idempotencyKey(kind: string, content: unknown): string {
  const digest = createHash("sha256").update(JSON.stringify(content)).digest("hex");
  return `pb-catalog-sync-${kind}-${digest.slice(0, 40)}`;
}

function idOf(ref: string | { id: string }): string {
  return typeof ref === "string" ? ref : ref.id;
}

export async function syncCatalog(
  stripe: Stripe,
  options: CatalogSyncOptions = {},
): Promise<CatalogSyncResult> {
  const { dryRun = false, log = () => {} } = options;
  const result: CatalogSyncResult = { created: [], updated: [], unchanged: [] };
  const would = dryRun ? "would " : "";

  const plans = (options.plans ?? listPlans()).filter(
    (plan): plan is PurchasablePlan => plan.lookupKeys !== null && plan.prices !== null,
  );
  if (plans.length === 0) return result;

  const products = new Map<string, Stripe.Product>();
  const productIds = plans.map((plan) => catalogProductId(plan.id));
  for (const product of (await stripe.products.list({ ids: productIds, limit: 100 })).data) {
    products.set(product.id, product);
  }

  // Stripe accepts at most 10 lookup keys per list call.
  const prices = new Map<string, Stripe.Price>();
  const lookupKeys = plans.flatMap((plan) => BILLING_INTERVALS.map((i) => plan.lookupKeys[i]));
  for (let start = 0; start < lookupKeys.length; start += 10) {
    const page = await stripe.prices.list({
      lookup_keys: lookupKeys.slice(start, start + 10),
      expand: ["data.product"],
      limit: 100,
    });
    for (const price of page.data) if (price.lookup_key) prices.set(price.lookup_key, price);
  }

  for (const plan of plans) {
    const productId = catalogProductId(plan.id);
    const label = `product ${productId}`;
    const wanted = { name: plan.name, description: plan.tagline, metadata: { plan_id: plan.id } };
    const existing = products.get(productId);

    if (!existing) {
      if (!dryRun) {
        await stripe.products.create(
          { id: productId, ...wanted, active: true },
          { idempotencyKey: idempotencyKey("product", { id: productId, ...wanted }) },
        );
      }
      result.created.push(label);
      log(`${would}create ${label} "${plan.name}"`);
    } else {
      const changes: Stripe.ProductUpdateParams = {};
      if (existing.name !== wanted.name) changes.name = wanted.name;
      if ((existing.description ?? "") !== wanted.description) {
        changes.description = wanted.description;
      }
      if (existing.metadata.plan_id !== plan.id) changes.metadata = wanted.metadata;
      if (!existing.active) changes.active = true;
      const fields = Object.keys(changes);
      if (fields.length === 0) {
        result.unchanged.push(label);
        log(`unchanged ${label} "${plan.name}"`);
      } else {
        if (!dryRun) {
          const before = {
            name: existing.name,
            description: existing.description,
            metadata: existing.metadata,
            active: existing.active,
          };
          await stripe.products.update(productId, changes, {
            idempotencyKey: idempotencyKey("product-update", { productId, before, changes }),
          });
        }
        result.updated.push(label);
        log(`${would}update ${label} "${plan.name}" (${fields.join(", ")})`);
      }
    }

    for (const interval of BILLING_INTERVALS) {
      const lookupKey = plan.lookupKeys[interval];
      const priceLabel = `price ${lookupKey}`;
      const amount = formatPlanPrice(plan, interval);
      const nickname = `${plan.name} ${interval}`;
      const metadata = { plan_id: plan.id, interval };
      const create: Stripe.PriceCreateParams = {
        product: productId,
        currency: PLAN_CURRENCY,
        unit_amount: plan.prices[interval],
        recurring: { interval: STRIPE_INTERVAL[interval], interval_count: 1 },
        tax_behavior: TAX_BEHAVIOR,
        lookup_key: lookupKey,
        nickname,
        metadata,
      };
      const current = prices.get(lookupKey);

      if (!current) {
        if (!dryRun) {
          await stripe.prices.create(create, {
            idempotencyKey: idempotencyKey("price", { create, replaces: null }),
          });
        }
        result.created.push(priceLabel);
        log(`${would}create ${priceLabel}: ${amount}`);
        continue;
      }

      const differences = [
        current.unit_amount !== create.unit_amount && "amount",
        current.currency !== create.currency && "currency",
        (current.recurring?.interval !== STRIPE_INTERVAL[interval] ||
          current.recurring.interval_count !== 1) &&
          "interval",
        current.tax_behavior !== TAX_BEHAVIOR && "tax behavior",
        idOf(current.product) !== productId && "product",
      ].filter((difference) => difference !== false);

      if (differences.length > 0) {
        // Prices are immutable: a new price takes the lookup key, the old one is archived.
        let replacement = "(new price)";
        if (!dryRun) {
          const created = await stripe.prices.create(
            { ...create, transfer_lookup_key: true },
            { idempotencyKey: idempotencyKey("price", { create, replaces: current.id }) },
          );
          replacement = created.id;
          if (current.active) {
            await stripe.prices.update(
              current.id,
              { active: false },
              { idempotencyKey: idempotencyKey("price-archive", { price: current.id }) },
            );
          }
        }
        result.updated.push(priceLabel);
        log(
          `${would}replace ${priceLabel}: ${differences.join(", ")} changed; ` +
            `${replacement} (${amount}) takes the lookup key, ${current.id} ${would}be archived`,
        );
        continue;
      }

      const changes: Stripe.PriceUpdateParams = {};
      if (!current.active) changes.active = true;
      if (current.nickname !== nickname) changes.nickname = nickname;
      if (current.metadata.plan_id !== plan.id || current.metadata.interval !== interval) {
        changes.metadata = metadata;
      }
      const fields = Object.keys(changes);
      if (fields.length === 0) {
        result.unchanged.push(priceLabel);
        log(`unchanged ${priceLabel}: ${amount} (${current.id})`);
        continue;
      }
      if (!dryRun) {
        const before = {
          active: current.active,
          nickname: current.nickname,
          metadata: current.metadata,
        };
        await stripe.prices.update(current.id, changes, {
          idempotencyKey: idempotencyKey("price-update", { price: current.id, before, changes }),
        });
      }
      result.updated.push(priceLabel);
      log(
        `${would}update ${priceLabel}: ${amount} (${current.id}; ${fields
          .map((field) => (field === "active" ? "reactivated" : field))
          .join(", ")})`,
      );
    }
  }

  return result;
}
