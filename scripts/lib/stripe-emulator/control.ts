// Control endpoints (not Stripe's API; no auth; JSON in and out) for tests and local development:
//   POST /_emulator/advance {seconds}                 move the emulator's clock (not test clocks)
//   POST /_emulator/customers/:id/card {behavior}     succeed | fail | requires_action
//   POST /_emulator/charges/:id/dispute {reason?}     open a dispute → charge.dispute.created
//   POST /_emulator/webhook {url}                     set (or with null, clear) the webhook target
//   POST /_emulator/resend-events {ids?}              post events again (all when ids is omitted)
//   POST /_emulator/reset                             forget everything
//   GET  /_emulator/state                             every object, for debugging
import { openDispute } from "./api/charges";
import { findOr404 } from "./api/router";
import { catchUp } from "./billing/scheduler";
import type { EmulatorContext } from "./context";
import { invalidRequest } from "./errors";
import type { WebhookDispatcher } from "./webhooks";
import { CARD_BEHAVIORS, type Json, type JsonObject } from "./types";

export type ControlDeps = {
  ctx: EmulatorContext;
  webhooks: WebhookDispatcher;
  reset(): void;
};

function readJson(body: string): JsonObject {
  if (!body.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw invalidRequest("Control endpoints take a JSON body.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalidRequest("Control endpoints take a JSON object.");
  }
  return parsed as JsonObject;
}

export function handleControl(
  deps: ControlDeps,
  method: string,
  parts: string[],
  body: string,
): JsonObject | null {
  const { ctx, webhooks } = deps;
  const input = method === "POST" ? readJson(body) : {};
  const [first, id, action] = parts;
  const post = method === "POST";

  if (method === "GET" && first === "state" && parts.length === 1) {
    return {
      now: ctx.clock.globalNow(),
      webhook_url: webhooks.targetUrl,
      state: ctx.state as Json,
    };
  }
  if (post && first === "advance" && parts.length === 1) {
    const seconds = input.seconds;
    if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds <= 0) {
      throw invalidRequest("`seconds` must be a positive integer.", "seconds");
    }
    ctx.state.clockOffset += seconds;
    catchUp(ctx);
    return { now: ctx.clock.globalNow() };
  }
  if (post && first === "customers" && id && action === "card") {
    findOr404(ctx.state.customers, id, "customer");
    const behavior = CARD_BEHAVIORS.find((candidate) => candidate === input.behavior);
    if (!behavior) {
      throw invalidRequest(`\`behavior\` must be one of ${CARD_BEHAVIORS.join(", ")}.`, "behavior");
    }
    if (behavior === "succeed") delete ctx.state.cardBehavior[id];
    else ctx.state.cardBehavior[id] = behavior;
    return { customer: id, behavior };
  }
  if (post && first === "charges" && id && action === "dispute") {
    const charge = findOr404(ctx.state.charges, id, "charge");
    const reason = typeof input.reason === "string" ? input.reason : "fraudulent";
    return openDispute(ctx, charge, reason);
  }
  if (post && first === "webhook" && parts.length === 1) {
    const url = input.url;
    if (url !== null && (typeof url !== "string" || !/^https?:\/\//.test(url))) {
      throw invalidRequest("`url` must be an http(s) URL, or null to stop delivering.", "url");
    }
    webhooks.setUrl(url);
    return { url };
  }
  if (post && first === "resend-events" && parts.length === 1) {
    const ids = input.ids;
    if (ids !== undefined && (!Array.isArray(ids) || !ids.every((i) => typeof i === "string"))) {
      throw invalidRequest("`ids` must be an array of event ids.", "ids");
    }
    if (!webhooks.targetUrl) {
      throw invalidRequest("No webhook URL is set: POST /_emulator/webhook {url} first.");
    }
    const events = ids
      ? ids.map((eventId) => findOr404(ctx.state.events, String(eventId), "event"))
      : Object.values(ctx.state.events);
    for (const event of events) webhooks.enqueue(event);
    return { resent: events.length };
  }
  if (post && first === "reset" && parts.length === 1) {
    deps.reset();
    return { reset: true };
  }
  return null;
}
