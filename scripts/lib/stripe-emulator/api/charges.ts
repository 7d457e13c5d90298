// Charges (created when an invoice is paid), refunds, disputes (opened by a control endpoint).
import type { EmulatorContext } from "../context";
import { invalidRequest } from "../errors";
import { newId } from "../ids";
import { paginate } from "../list";
import { mergeMetadata, optionalInt, optionalString, type Params } from "../params";
import { presentCharge, presentDispute } from "../present";
import { newestFirst } from "../state";
import type { ChargeRecord, DisputeRecord, RefundRecord } from "../types";
import { findOr404, pathId, route } from "./router";

const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"];

function createRefund(ctx: EmulatorContext, params: Params): RefundRecord {
  const chargeId = optionalString(params, "charge");
  if (!chargeId) {
    throw invalidRequest("The Stripe emulator refunds by charge; pass `charge`.", "charge");
  }
  const charge = findOr404(ctx.state.charges, chargeId, "charge", "charge");
  const refundable = charge.amount - charge.amount_refunded;
  const amount = optionalInt(params, "amount", { min: 1 }) ?? refundable;
  if (amount > refundable) {
    throw invalidRequest(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${refundable})`,
      "amount",
      "amount_too_large",
    );
  }
  const reason = optionalString(params, "reason") || null;
  if (reason && !REFUND_REASONS.includes(reason)) {
    throw invalidRequest(`Invalid reason: ${reason}`, "reason");
  }
  const now = ctx.clock.nowFor(charge.customer);
  const refund: RefundRecord = {
    id: newId("re"),
    object: "refund",
    created: now,
    livemode: false,
    charge: charge.id,
    customer: charge.customer,
    amount,
    currency: charge.currency,
    reason,
    status: "succeeded",
    metadata: mergeMetadata({}, params),
  };
  ctx.state.refunds[refund.id] = refund;
  const before = presentCharge(ctx, charge);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  const after = presentCharge(ctx, charge);
  ctx.events.emit("charge.refunded", after, now, {
    amount_refunded: before.amount_refunded ?? 0,
    refunded: before.refunded ?? false,
    refunds: before.refunds ?? null,
  });
  return refund;
}

/** Control endpoint: the cardholder disputes the charge. */
export function openDispute(ctx: EmulatorContext, charge: ChargeRecord, reason: string) {
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} is already disputed.`);
  const now = ctx.clock.nowFor(charge.customer);
  const dispute: DisputeRecord = {
    id: newId("dp"),
    object: "dispute",
    created: now,
    livemode: false,
    charge: charge.id,
    amount: charge.amount - charge.amount_refunded,
    currency: charge.currency,
    reason,
    status: "needs_response",
    metadata: {},
  };
  ctx.state.disputes[dispute.id] = dispute;
  charge.disputed = true;
  ctx.events.emit("charge.dispute.created", presentDispute(dispute), now);
  return dispute;
}

export const chargeRoutes = [
  route("GET", "/v1/charges/:id", (ctx, request) =>
    presentCharge(ctx, findOr404(ctx.state.charges, pathId(request), "charge")),
  ),
  route("GET", "/v1/charges", (ctx, { params }) => {
    const customer = optionalString(params, "customer");
    const charges = newestFirst(ctx.state.charges).filter(
      (c) => customer === undefined || c.customer === customer,
    );
    return paginate(
      charges.map((c) => presentCharge(ctx, c)),
      params,
      "/v1/charges",
    );
  }),
  route("POST", "/v1/refunds", (ctx, { params }) => createRefund(ctx, params)),
  route("GET", "/v1/refunds/:id", (ctx, request) =>
    findOr404(ctx.state.refunds, pathId(request), "refund"),
  ),
  route("GET", "/v1/refunds", (ctx, { params }) => {
    const charge = optionalString(params, "charge");
    const refunds = newestFirst(ctx.state.refunds).filter(
      (r) => charge === undefined || r.charge === charge,
    );
    return paginate(refunds, params, "/v1/refunds");
  }),
  route("GET", "/v1/disputes/:id", (ctx, request) =>
    presentDispute(findOr404(ctx.state.disputes, pathId(request), "dispute")),
  ),
  route("GET", "/v1/disputes", (ctx, { params }) => {
    const charge = optionalString(params, "charge");
    const disputes = newestFirst(ctx.state.disputes).filter(
      (d) => charge === undefined || d.charge === charge,
    );
    return paginate(disputes.map(presentDispute), params, "/v1/disputes");
  }),
];
