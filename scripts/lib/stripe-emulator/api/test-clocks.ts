// Test clocks: create, retrieve, list, advance, delete. Advancing runs every billing step due on
// the clock's customers between the old and the new frozen_time, in order, before it answers
// (Stripe advances asynchronously; here the clock is already `ready` when the call returns).
import { deleteCustomer } from "./customers";
import { runDueSteps } from "../billing/scheduler";
import { invalidRequest } from "../errors";
import { newId } from "../ids";
import { paginate } from "../list";
import { optionalInt, optionalString } from "../params";
import { newestFirst } from "../state";
import type { TestClockRecord } from "../types";
import { findOr404, pathId, route } from "./router";

const CLOCK_LIFETIME_SECONDS = 30 * 86_400;

export const testClockRoutes = [
  route("POST", "/v1/test_helpers/test_clocks", (ctx, { params }) => {
    const frozenTime = optionalInt(params, "frozen_time", { min: 0 });
    if (frozenTime === undefined) {
      throw invalidRequest("Missing required param: frozen_time.", "frozen_time");
    }
    const now = ctx.clock.globalNow();
    const clock: TestClockRecord = {
      id: newId("clock"),
      object: "test_helpers.test_clock",
      created: now,
      deletes_after: now + CLOCK_LIFETIME_SECONDS,
      livemode: false,
      frozen_time: frozenTime,
      name: optionalString(params, "name") || null,
      status: "ready",
    };
    ctx.state.testClocks[clock.id] = clock;
    return { ...clock, status_details: {} };
  }),
  route("GET", "/v1/test_helpers/test_clocks/:id", (ctx, request) => ({
    ...findOr404(ctx.state.testClocks, pathId(request), "test_helpers.test_clock"),
    status_details: {},
  })),
  route("GET", "/v1/test_helpers/test_clocks", (ctx, { params }) =>
    paginate(
      newestFirst(ctx.state.testClocks).map((c) => ({ ...c, status_details: {} })),
      params,
      "/v1/test_helpers/test_clocks",
    ),
  ),
  route("POST", "/v1/test_helpers/test_clocks/:id/advance", (ctx, request) => {
    const clock = findOr404(ctx.state.testClocks, pathId(request), "test_helpers.test_clock");
    const target = optionalInt(request.params, "frozen_time");
    if (target === undefined) {
      throw invalidRequest("Missing required param: frozen_time.", "frozen_time");
    }
    if (target <= clock.frozen_time) {
      throw invalidRequest(
        "The test clock can only be advanced to a time after its current frozen_time.",
        "frozen_time",
      );
    }
    runDueSteps(ctx, clock.id, target);
    clock.frozen_time = target;
    return { ...clock, status_details: {} };
  }),
  route("DELETE", "/v1/test_helpers/test_clocks/:id", (ctx, request) => {
    const clock = findOr404(ctx.state.testClocks, pathId(request), "test_helpers.test_clock");
    // Stripe deletes everything attached to the clock; the customers go (with their events).
    for (const customer of Object.values(ctx.state.customers)) {
      if (customer.test_clock === clock.id && !customer.deleted) deleteCustomer(ctx, customer);
    }
    delete ctx.state.testClocks[clock.id];
    return { id: clock.id, object: "test_helpers.test_clock", deleted: true };
  }),
];
