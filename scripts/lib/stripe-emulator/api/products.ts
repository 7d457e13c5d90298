// Products: create (optionally with a chosen id), retrieve, update, list.
import type { EmulatorContext } from "../context";
import { invalidRequest } from "../errors";
import { newId } from "../ids";
import { paginate } from "../list";
import {
  mergeMetadata,
  nullableString,
  optionalBool,
  optionalString,
  optionalStringArray,
  requiredString,
  type Params,
} from "../params";
import { presentProduct } from "../present";
import { newestFirst } from "../state";
import type { ProductRecord } from "../types";
import { findOr404, pathId, route } from "./router";

export function createProduct(ctx: EmulatorContext, params: Params): ProductRecord {
  const id = optionalString(params, "id") || newId("prod");
  if (ctx.state.products[id]) {
    throw invalidRequest(`Product already exists: ${id}`, "id", "resource_already_exists");
  }
  const now = ctx.clock.globalNow();
  const product: ProductRecord = {
    id,
    object: "product",
    created: now,
    updated: now,
    livemode: false,
    active: optionalBool(params, "active") ?? true,
    name: requiredString(params, "name"),
    description: nullableString(params, "description") ?? null,
    metadata: mergeMetadata({}, params),
  };
  ctx.state.products[id] = product;
  ctx.events.emit("product.created", presentProduct(product), now);
  return product;
}

export const productRoutes = [
  route("POST", "/v1/products", (ctx, { params }) => presentProduct(createProduct(ctx, params))),
  route("GET", "/v1/products/:id", (ctx, request) =>
    presentProduct(findOr404(ctx.state.products, pathId(request), "product")),
  ),
  route("POST", "/v1/products/:id", (ctx, request) => {
    const { params } = request;
    const product = findOr404(ctx.state.products, pathId(request), "product");
    const before = presentProduct(product);
    const name = optionalString(params, "name");
    if (name === "") throw invalidRequest("A product needs a name.", "name");
    if (name !== undefined) product.name = name;
    const description = nullableString(params, "description");
    if (description !== undefined) product.description = description;
    product.active = optionalBool(params, "active") ?? product.active;
    product.metadata = mergeMetadata(product.metadata, params);
    const now = ctx.clock.globalNow();
    if (JSON.stringify(presentProduct(product)) !== JSON.stringify(before)) product.updated = now;
    const after = presentProduct(product);
    ctx.events.emitUpdated("product.updated", before, after, now);
    return after;
  }),
  route("GET", "/v1/products", (ctx, { params }) => {
    const active = optionalBool(params, "active");
    const ids = optionalStringArray(params, "ids");
    const products = newestFirst(ctx.state.products).filter(
      (p) => (active === undefined || p.active === active) && (!ids || ids.includes(p.id)),
    );
    return paginate(products.map(presentProduct), params, "/v1/products");
  }),
];
