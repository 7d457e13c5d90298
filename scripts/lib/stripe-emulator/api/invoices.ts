// Invoices: retrieve, list, list lines, pay now (a manual retry; a decline answers 402 like Stripe).
import { payInvoiceNow } from "../billing/lifecycle";
import { invalidRequest, StripeApiError } from "../errors";
import { paginate } from "../list";
import { optionalString } from "../params";
import { presentInvoice } from "../present";
import { newestFirst } from "../state";
import type { JsonObject } from "../types";
import { findOr404, pathId, route } from "./router";

export const invoiceRoutes = [
  route("GET", "/v1/invoices/:id", (ctx, request) =>
    presentInvoice(ctx, findOr404(ctx.state.invoices, pathId(request), "invoice")),
  ),
  route("GET", "/v1/invoices/:id/lines", (ctx, request) => {
    const invoice = findOr404(ctx.state.invoices, pathId(request), "invoice");
    const lines = presentInvoice(ctx, invoice).lines as { data: JsonObject[] };
    return paginate(lines.data, request.params, `/v1/invoices/${invoice.id}/lines`);
  }),
  route("POST", "/v1/invoices/:id/pay", (ctx, request) => {
    const invoice = findOr404(ctx.state.invoices, pathId(request), "invoice");
    if (invoice.status !== "open") throw invalidRequest("Invoice is already paid or not open.");
    if (payInvoiceNow(ctx, invoice, ctx.clock.nowFor(invoice.customer)) === "failed") {
      throw new StripeApiError(
        402,
        "card_error",
        "Your card was declined.",
        undefined,
        "card_declined",
      );
    }
    return presentInvoice(ctx, invoice);
  }),
  route("GET", "/v1/invoices", (ctx, { params }) => {
    const customer = optionalString(params, "customer");
    const subscription = optionalString(params, "subscription");
    const status = optionalString(params, "status");
    const invoices = newestFirst(ctx.state.invoices).filter(
      (inv) =>
        (customer === undefined || inv.customer === customer) &&
        (subscription === undefined || inv.subscription === subscription) &&
        (status === undefined || inv.status === status),
    );
    return paginate(
      invoices.map((inv) => presentInvoice(ctx, inv)),
      params,
      "/v1/invoices",
    );
  }),
];
