// Subscriptions: retrieve, list, update (billing/update-subscription.ts), cancel now.
// Subscriptions are created by completing a Checkout Session, which is all our app does.
import { cancelNow } from "../billing/lifecycle";
import { updateSubscription } from "../billing/update-subscription";
import { invalidRequest } from "../errors";
import { paginate } from "../list";
import { optionalString } from "../params";
import { presentSubscription } from "../present";
import { newestFirst } from "../state";
import { findOr404, pathId, route } from "./router";

export const subscriptionRoutes = [
  route("GET", "/v1/subscriptions/:id", (ctx, request) =>
    presentSubscription(ctx, findOr404(ctx.state.subscriptions, pathId(request), "subscription")),
  ),
  route("POST", "/v1/subscriptions/:id", (ctx, request) => {
    const sub = findOr404(ctx.state.subscriptions, pathId(request), "subscription");
    updateSubscription(ctx, sub, request.params, ctx.clock.nowFor(sub.customer));
    return presentSubscription(ctx, sub);
  }),
  route("DELETE", "/v1/subscriptions/:id", (ctx, request) => {
    const sub = findOr404(ctx.state.subscriptions, pathId(request), "subscription");
    if (sub.status === "canceled") {
      throw invalidRequest(`The subscription ${sub.id} is already canceled.`);
    }
    cancelNow(ctx, sub, ctx.clock.nowFor(sub.customer), "cancellation_requested");
    return presentSubscription(ctx, sub);
  }),
  route("GET", "/v1/subscriptions", (ctx, { params }) => {
    const customer = optionalString(params, "customer");
    const price = optionalString(params, "price");
    const testClock = optionalString(params, "test_clock");
    // Stripe's default leaves canceled subscriptions out; status=all brings them back.
    const status = optionalString(params, "status");
    const subscriptions = newestFirst(ctx.state.subscriptions).filter(
      (s) =>
        (customer === undefined || s.customer === customer) &&
        (price === undefined || s.items.some((item) => item.price === price)) &&
        (testClock === undefined || s.test_clock === testClock) &&
        (status === "all" ||
          (status === undefined
            ? s.status !== "canceled" && s.status !== "incomplete_expired"
            : s.status === status)),
    );
    return paginate(
      subscriptions.map((s) => presentSubscription(ctx, s)),
      params,
      "/v1/subscriptions",
    );
  }),
];
