// Prices: create, retrieve, update, list. A lookup_key belongs to one price at a time: reusing one
// fails unless transfer_lookup_key=true, which moves it (and announces the old price's change).
import type { EmulatorContext } from "../context";
import { invalidRequest } from "../errors";
import { newId } from "../ids";
import { paginate } from "../list";
import {
  mergeMetadata,
  nullableString,
  optionalBool,
  optionalInt,
  optionalObject,
  optionalString,
  optionalStringArray,
  requiredString,
  type Params,
} from "../params";
import { presentPrice } from "../present";
import { newestFirst } from "../state";
import type { Interval, PriceRecord, Recurring } from "../types";
import { createProduct } from "./products";
import { findOr404, pathId, route } from "./router";

const INTERVALS: readonly Interval[] = ["day", "week", "month", "year"];
const TAX_BEHAVIORS = ["inclusive", "exclusive", "unspecified"];

function readRecurring(params: Params): Recurring | null {
  const recurring = optionalObject(params, "recurring");
  if (!recurring) return null;
  const interval = requiredString(recurring, "interval", "recurring[interval]");
  const known = INTERVALS.find((candidate) => candidate === interval);
  if (!known) throw invalidRequest(`Invalid interval: ${interval}`, "recurring[interval]");
  const count =
    optionalInt(recurring, "interval_count", { min: 1, label: "recurring[interval_count]" }) ?? 1;
  return { interval: known, interval_count: count };
}

function readTaxBehavior(params: Params): string | undefined {
  const value = optionalString(params, "tax_behavior");
  if (value !== undefined && !TAX_BEHAVIORS.includes(value)) {
    throw invalidRequest(`Invalid tax_behavior: ${value}`, "tax_behavior");
  }
  return value;
}

/** Gives `price` the lookup key, taking it from another price only when asked to transfer it. */
function claimLookupKey(ctx: EmulatorContext, price: PriceRecord, key: string, params: Params) {
  const holder = Object.values(ctx.state.prices).find(
    (other) => other.lookup_key === key && other.id !== price.id,
  );
  if (holder) {
    if (!optionalBool(params, "transfer_lookup_key")) {
      throw invalidRequest(
        `A price (\`${holder.id}\`) already uses that lookup key.`,
        "lookup_key",
      );
    }
    const before = presentPrice(holder);
    holder.lookup_key = null;
    const now = ctx.clock.globalNow();
    ctx.events.emitUpdated("price.updated", before, presentPrice(holder), now);
  }
  price.lookup_key = key;
}

function productFor(ctx: EmulatorContext, params: Params): string {
  const productData = optionalObject(params, "product_data");
  if (productData) return createProduct(ctx, productData).id;
  const product = requiredString(params, "product");
  if (!ctx.state.products[product]) {
    throw invalidRequest(`No such product: '${product}'`, "product", "resource_missing");
  }
  return product;
}

function createPrice(ctx: EmulatorContext, params: Params): PriceRecord {
  const currency = requiredString(params, "currency").toLowerCase();
  if (!/^[a-z]{3}$/.test(currency))
    throw invalidRequest(`Invalid currency: ${currency}`, "currency");
  const unitAmount = optionalInt(params, "unit_amount", { min: 0 });
  if (unitAmount === undefined) {
    throw invalidRequest("Missing required param: unit_amount.", "unit_amount");
  }
  const recurring = readRecurring(params);
  const taxBehavior = readTaxBehavior(params) ?? "unspecified";
  const lookupKey = nullableString(params, "lookup_key") ?? null;
  const now = ctx.clock.globalNow();
  const price: PriceRecord = {
    id: newId("price"),
    object: "price",
    created: now,
    livemode: false,
    active: optionalBool(params, "active") ?? true,
    product: productFor(ctx, params),
    currency,
    unit_amount: unitAmount,
    recurring,
    lookup_key: null,
    nickname: nullableString(params, "nickname") ?? null,
    tax_behavior: taxBehavior,
    metadata: mergeMetadata({}, params),
  };
  if (lookupKey) claimLookupKey(ctx, price, lookupKey, params);
  ctx.state.prices[price.id] = price;
  ctx.events.emit("price.created", presentPrice(price), now);
  return price;
}

export const priceRoutes = [
  route("POST", "/v1/prices", (ctx, { params }) => presentPrice(createPrice(ctx, params))),
  route("GET", "/v1/prices/:id", (ctx, request) =>
    presentPrice(findOr404(ctx.state.prices, pathId(request), "price")),
  ),
  route("POST", "/v1/prices/:id", (ctx, request) => {
    const { params } = request;
    const price = findOr404(ctx.state.prices, pathId(request), "price");
    const before = presentPrice(price);
    const lookupKey = nullableString(params, "lookup_key");
    const taxBehavior = readTaxBehavior(params);
    if (lookupKey) claimLookupKey(ctx, price, lookupKey, params);
    else if (lookupKey === null) price.lookup_key = null;
    price.active = optionalBool(params, "active") ?? price.active;
    const nickname = nullableString(params, "nickname");
    if (nickname !== undefined) price.nickname = nickname;
    if (taxBehavior !== undefined) price.tax_behavior = taxBehavior;
    price.metadata = mergeMetadata(price.metadata, params);
    const after = presentPrice(price);
    ctx.events.emitUpdated("price.updated", before, after, ctx.clock.globalNow());
    return after;
  }),
  route("GET", "/v1/prices", (ctx, { params }) => {
    const active = optionalBool(params, "active");
    const product = optionalString(params, "product");
    const currency = optionalString(params, "currency");
    const type = optionalString(params, "type");
    const lookupKeys = optionalStringArray(params, "lookup_keys");
    const interval = optionalObject(params, "recurring")?.interval;
    const prices = newestFirst(ctx.state.prices).filter(
      (p) =>
        (active === undefined || p.active === active) &&
        (product === undefined || p.product === product) &&
        (currency === undefined || p.currency === currency) &&
        (type === undefined || (type === "recurring") === (p.recurring !== null)) &&
        (lookupKeys === undefined ||
          (p.lookup_key !== null && lookupKeys.includes(p.lookup_key))) &&
        (interval === undefined || p.recurring?.interval === interval),
    );
    return paginate(prices.map(presentPrice), params, "/v1/prices");
  }),
];
