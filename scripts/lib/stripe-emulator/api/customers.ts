// Customers: create, retrieve (deleted ones as `{ id, object, deleted: true }`), update, delete
// (cancels their subscriptions first, as Stripe does), list.
import { cancelNow } from "../billing/lifecycle";
import type { EmulatorContext } from "../context";
import { resourceMissing } from "../errors";
import { newId } from "../ids";
import { paginate } from "../list";
import { mergeMetadata, nullableString, optionalString, type Params } from "../params";
import { presentCustomer } from "../present";
import { newestFirst } from "../state";
import type { CustomerRecord } from "../types";
import { findOr404, pathId, route } from "./router";

const EDITABLE = ["email", "name", "description", "phone"] as const;

function liveCustomer(ctx: EmulatorContext, id: string): CustomerRecord {
  const customer = findOr404(ctx.state.customers, id, "customer");
  if (customer.deleted) throw resourceMissing("customer", id);
  return customer;
}

function applyFields(customer: CustomerRecord, params: Params) {
  for (const field of EDITABLE) {
    const value = nullableString(params, field);
    if (value !== undefined) customer[field] = value;
  }
  customer.metadata = mergeMetadata(customer.metadata, params);
}

export function createCustomer(ctx: EmulatorContext, params: Params): CustomerRecord {
  const testClock = optionalString(params, "test_clock") || null;
  const created = ctx.clock.nowOn(testClock);
  const customer: CustomerRecord = {
    id: newId("cus"),
    object: "customer",
    created,
    livemode: false,
    email: null,
    name: null,
    description: null,
    phone: null,
    metadata: {},
    test_clock: testClock,
    deleted: false,
  };
  applyFields(customer, params);
  ctx.state.customers[customer.id] = customer;
  ctx.events.emit("customer.created", presentCustomer(ctx, customer), created);
  return customer;
}

export function deleteCustomer(ctx: EmulatorContext, customer: CustomerRecord): void {
  const now = ctx.clock.nowFor(customer.id);
  for (const sub of Object.values(ctx.state.subscriptions)) {
    if (sub.customer === customer.id) cancelNow(ctx, sub, now, "cancellation_requested");
  }
  customer.deleted = true;
  ctx.events.emit("customer.deleted", presentCustomer(ctx, customer, false), now);
}

export const customerRoutes = [
  route("POST", "/v1/customers", (ctx, { params }) =>
    presentCustomer(ctx, createCustomer(ctx, params)),
  ),
  route("GET", "/v1/customers/:id", (ctx, request) =>
    presentCustomer(ctx, findOr404(ctx.state.customers, pathId(request), "customer")),
  ),
  route("POST", "/v1/customers/:id", (ctx, request) => {
    const customer = liveCustomer(ctx, pathId(request));
    const before = presentCustomer(ctx, customer);
    applyFields(customer, request.params);
    const after = presentCustomer(ctx, customer);
    ctx.events.emitUpdated("customer.updated", before, after, ctx.clock.nowFor(customer.id));
    return after;
  }),
  route("DELETE", "/v1/customers/:id", (ctx, request) => {
    const customer = liveCustomer(ctx, pathId(request));
    deleteCustomer(ctx, customer);
    return { id: customer.id, object: "customer", deleted: true };
  }),
  route("GET", "/v1/customers", (ctx, { params }) => {
    const email = optionalString(params, "email");
    // Like Stripe, customers on a test clock are listed only when that clock is asked for.
    const testClock = optionalString(params, "test_clock") || null;
    const customers = newestFirst(ctx.state.customers).filter(
      (c) => !c.deleted && c.test_clock === testClock && (email === undefined || c.email === email),
    );
    return paginate(
      customers.map((c) => presentCustomer(ctx, c)),
      params,
      "/v1/customers",
    );
  }),
];
