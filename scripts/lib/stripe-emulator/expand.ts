// `expand[]`: replaces ids in a response with the objects they name, along dotted paths
// ("data.product" on a list, "subscription.latest_invoice", "items.data.price.product").
// Any id the emulator stores can be expanded, found by its prefix.
import type { EmulatorContext } from "./context";
import {
  presentCharge,
  presentCheckoutSession,
  presentCustomer,
  presentDispute,
  presentInvoice,
  presentPrice,
  presentProduct,
  presentSubscription,
} from "./present";
import type { Json, JsonObject } from "./types";

export function resolveId(ctx: EmulatorContext, id: string): JsonObject | undefined {
  const s = ctx.state;
  const prefix = id.slice(0, id.indexOf("_"));
  switch (prefix) {
    case "cus": {
      const c = s.customers[id];
      return c && presentCustomer(ctx, c);
    }
    case "prod": {
      const p = s.products[id];
      return p && presentProduct(p);
    }
    case "price": {
      const p = s.prices[id];
      return p && presentPrice(p);
    }
    case "sub": {
      const sub = s.subscriptions[id];
      return sub && presentSubscription(ctx, sub);
    }
    case "in": {
      const inv = s.invoices[id];
      return inv && presentInvoice(ctx, inv);
    }
    case "ch": {
      const c = s.charges[id];
      return c && presentCharge(ctx, c);
    }
    case "cs": {
      const cs = s.checkoutSessions[id];
      return cs && presentCheckoutSession(ctx, cs);
    }
    case "dp": {
      const d = s.disputes[id];
      return d && presentDispute(d);
    }
    case "re":
      return s.refunds[id];
    case "clock":
      return s.testClocks[id];
    default:
      // Products may have caller-chosen ids (`prod_pro` or just `pro`).
      return s.products[id] ? presentProduct(s.products[id]) : undefined;
  }
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function expandAt(ctx: EmulatorContext, value: Json, path: string[]): Json {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => expandAt(ctx, item, path));
  if (!isObject(value) || !(head in value)) return value;
  let child = value[head] as Json;
  if (typeof child === "string") child = resolveId(ctx, child) ?? child;
  else if (Array.isArray(child)) {
    child = child.map((item) => (typeof item === "string" ? (resolveId(ctx, item) ?? item) : item));
  }
  return { ...value, [head]: expandAt(ctx, child, rest) };
}

export function expand(ctx: EmulatorContext, value: JsonObject, paths: string[]): JsonObject {
  let result: Json = value;
  for (const path of paths) result = expandAt(ctx, result, path.split("."));
  return result as JsonObject;
}
