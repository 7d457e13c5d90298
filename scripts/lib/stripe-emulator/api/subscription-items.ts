// Subscription items: retrieve, list by subscription, update (seats or price), through the same
// logic as updating the subscription.
import { updateSubscription } from "../billing/update-subscription";
import type { EmulatorContext } from "../context";
import { resourceMissing } from "../errors";
import { paginate } from "../list";
import { optionalString, requiredString, type Params } from "../params";
import { presentSubscription } from "../present";
import type { JsonObject, SubscriptionRecord } from "../types";
import { findOr404, pathId, route } from "./router";

function findItem(ctx: EmulatorContext, id: string): SubscriptionRecord {
  const sub = Object.values(ctx.state.subscriptions).find((s) =>
    s.items.some((item) => item.id === id),
  );
  if (!sub) throw resourceMissing("subscription_item", id);
  return sub;
}

function presentItem(ctx: EmulatorContext, sub: SubscriptionRecord, id: string): JsonObject {
  const items = presentSubscription(ctx, sub).items as { data: JsonObject[] };
  const item = items.data.find((candidate) => candidate.id === id);
  if (!item) throw resourceMissing("subscription_item", id);
  return item;
}

function itemChange(id: string, params: Params): Params {
  const change: Params = { id };
  const quantity = optionalString(params, "quantity");
  const price = optionalString(params, "price");
  if (quantity !== undefined) change.quantity = quantity;
  if (price !== undefined) change.price = price;
  const update: Params = { items: [change] };
  const behavior = optionalString(params, "proration_behavior");
  if (behavior !== undefined) update.proration_behavior = behavior;
  return update;
}

export const subscriptionItemRoutes = [
  route("GET", "/v1/subscription_items/:id", (ctx, request) =>
    presentItem(ctx, findItem(ctx, pathId(request)), pathId(request)),
  ),
  route("POST", "/v1/subscription_items/:id", (ctx, request) => {
    const id = pathId(request);
    const sub = findItem(ctx, id);
    updateSubscription(ctx, sub, itemChange(id, request.params), ctx.clock.nowFor(sub.customer));
    return presentItem(ctx, sub, id);
  }),
  route("GET", "/v1/subscription_items", (ctx, { params }) => {
    const id = requiredString(params, "subscription");
    const sub = findOr404(ctx.state.subscriptions, id, "subscription", "subscription");
    const items = presentSubscription(ctx, sub).items as { data: JsonObject[] };
    return paginate(items.data, params, `/v1/subscription_items?subscription=${id}`);
  }),
];
