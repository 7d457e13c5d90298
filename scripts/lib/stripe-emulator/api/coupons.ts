// Coupons: create (with an optional id), retrieve, list, del. Applied to a subscription with
// `discounts[0][coupon]` (or the older `coupon`) on subscription update; invoices then take the
// discount off (billing/invoices.ts).
import type { EmulatorContext } from "../context";
import { invalidRequest } from "../errors";
import { paginate } from "../list";
import { mergeMetadata, optionalInt, optionalString, type Params } from "../params";
import { newestFirst } from "../state";
import type { CouponDuration, CouponRecord, JsonObject } from "../types";
import { newId } from "../ids";
import { findOr404, pathId, route } from "./router";

const DURATIONS: readonly CouponDuration[] = ["once", "repeating", "forever"];

function createCoupon(ctx: EmulatorContext, params: Params): CouponRecord {
  const id = optionalString(params, "id") || newId("co").slice(3);
  if (Object.hasOwn(ctx.state.coupons, id)) {
    throw invalidRequest(`Coupon already exists: ${id}`, "id", "resource_already_exists");
  }
  const percentRaw = optionalString(params, "percent_off");
  const percentOff = percentRaw === undefined || percentRaw === "" ? null : Number(percentRaw);
  if (percentOff !== null && !(percentOff > 0 && percentOff <= 100)) {
    throw invalidRequest("percent_off must be greater than 0 and at most 100.", "percent_off");
  }
  const amountOff = optionalInt(params, "amount_off", { min: 1 }) ?? null;
  if ((percentOff === null) === (amountOff === null)) {
    throw invalidRequest("Pass exactly one of percent_off and amount_off.", "percent_off");
  }
  const currency = optionalString(params, "currency")?.toLowerCase() ?? null;
  if (amountOff !== null && !currency) {
    throw invalidRequest("Missing required param: currency.", "currency");
  }
  const duration = (optionalString(params, "duration") ?? "once") as CouponDuration;
  if (!DURATIONS.includes(duration)) {
    throw invalidRequest(`Invalid duration: ${duration}`, "duration");
  }
  const months = optionalInt(params, "duration_in_months", { min: 1 }) ?? null;
  if (duration === "repeating" && months === null) {
    throw invalidRequest("Missing required param: duration_in_months.", "duration_in_months");
  }
  const coupon: CouponRecord = {
    id,
    object: "coupon",
    created: ctx.clock.globalNow(),
    livemode: false,
    name: optionalString(params, "name") || null,
    percent_off: percentOff,
    amount_off: amountOff,
    currency: amountOff !== null ? currency : null,
    duration,
    duration_in_months: duration === "repeating" ? months : null,
    valid: true,
    times_redeemed: 0,
    metadata: mergeMetadata({}, params),
  };
  ctx.state.coupons[id] = coupon;
  return coupon;
}

export const presentCoupon = (coupon: CouponRecord): JsonObject => ({
  ...coupon,
  amount_off: coupon.amount_off,
  max_redemptions: null,
  redeem_by: null,
});

export const couponRoutes = [
  route("POST", "/v1/coupons", (ctx, { params }) => presentCoupon(createCoupon(ctx, params))),
  route("GET", "/v1/coupons/:id", (ctx, request) =>
    presentCoupon(findOr404(ctx.state.coupons, pathId(request), "coupon")),
  ),
  route("DELETE", "/v1/coupons/:id", (ctx, request) => {
    const coupon = findOr404(ctx.state.coupons, pathId(request), "coupon");
    delete ctx.state.coupons[coupon.id];
    return { id: coupon.id, object: "coupon", deleted: true };
  }),
  route("GET", "/v1/coupons", (ctx, { params }) =>
    paginate(newestFirst(ctx.state.coupons).map(presentCoupon), params, "/v1/coupons"),
  ),
];
