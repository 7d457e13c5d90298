// The billing portal page: the customer's current subscription, plan and seat changes,
// cancel / renew / cancel now, a working or failing card, invoices, and the way back.
// Each action goes through the same code as the API (same events), then redirects back here.
// Switching to a working card also retries the latest open invoice of a past_due or unpaid
// subscription, as Stripe does when a customer updates their payment method.
import { cancelNow, payInvoiceNow } from "../billing/lifecycle";
import { describePrice, priceRecord } from "../billing/lines";
import { updateSubscription } from "../billing/update-subscription";
import type { EmulatorContext } from "../context";
import { StripeApiError } from "../errors";
import { optionalString, requiredString, type Params } from "../params";
import { newestFirst } from "../state";
import type { PortalSessionRecord, PriceRecord, SubscriptionRecord } from "../types";
import { day, html, layout, money, per, type PageResult } from "./html";

const ENDED = new Set(["canceled", "incomplete_expired"]);

function currentSubscription(ctx: EmulatorContext, customer: string) {
  return newestFirst(ctx.state.subscriptions).find(
    (sub) => sub.customer === customer && !ENDED.has(sub.status),
  );
}

function priceLabel(ctx: EmulatorContext, price: PriceRecord): string {
  const name = price.lookup_key
    ? `${describePrice(ctx, price)} [${price.lookup_key}]`
    : describePrice(ctx, price);
  const interval = price.recurring
    ? ` ${per(price.recurring.interval, price.recurring.interval_count)}`
    : "";
  return `${name}: ${money(price.unit_amount, price.currency)}${interval}`;
}

function subscriptionSection(ctx: EmulatorContext, base: string, sub: SubscriptionRecord) {
  const item = sub.items[0]!;
  const price = priceRecord(ctx, item.price);
  const others = Object.values(ctx.state.prices).filter(
    (p) => p.active && p.recurring && p.id !== price.id && p.currency === price.currency,
  );
  const hidden = html`<input type="hidden" name="subscription" value="${sub.id}" />`;
  const action = (name: string, label: string) =>
    html`<form method="post" action="${base}/${name}">
      ${hidden}<button type="submit">${label}</button>
    </form>`;
  return html`<section aria-labelledby="current-plan">
    <h2 id="current-plan">Current plan</h2>
    <dl>
      <dt>Plan</dt>
      <dd>${priceLabel(ctx, price)}</dd>
      <dt>Seats</dt>
      <dd>${item.quantity}</dd>
      <dt>Status</dt>
      <dd>${sub.status}</dd>
      ${
        sub.status === "trialing"
          ? html`<dt>Trial ends</dt>
              <dd>${day(sub.trial_end)}</dd>`
          : ""
      }
      <dt>Current period ends</dt>
      <dd>${day(sub.current_period_end)}</dd>
      <dt>Cancels at period end</dt>
      <dd>${sub.cancel_at_period_end ? `Yes, on ${day(sub.cancel_at)}` : "No"}</dd>
    </dl>
    ${
      others.length > 0
        ? html`<form method="post" action="${base}/update-plan">
            ${hidden}<label for="price">New plan</label>
            <select id="price" name="price">
              ${others.map((p) => html`<option value="${p.id}">${priceLabel(ctx, p)}</option>`)}
            </select>
            <button type="submit">Update plan</button>
          </form>`
        : ""
    }
    <form method="post" action="${base}/update-seats">
      ${hidden}<label for="quantity">Seats</label>
      <input id="quantity" name="quantity" type="number" min="1" value="${item.quantity}" />
      <button type="submit">Update seats</button>
    </form>
    ${sub.cancel_at_period_end ? action("renew", "Renew plan") : action("cancel", "Cancel plan")}
    ${action("cancel-now", "Cancel immediately")}
  </section>`;
}

function portalPage(ctx: EmulatorContext, session: PortalSessionRecord, error?: string) {
  const base = `${ctx.publicUrl()}/portal/${session.id}`;
  const customer = ctx.state.customers[session.customer];
  const sub = currentSubscription(ctx, session.customer);
  const card = ctx.state.cardBehavior[session.customer] ?? "succeed";
  const invoices = newestFirst(ctx.state.invoices).filter(
    (inv) => inv.customer === session.customer && inv.status !== "draft",
  );
  const invoiceRows = invoices.map(
    (inv) =>
      html`<tr>
        <td>${day(inv.created)}</td>
        <td><a href="${ctx.publicUrl()}/invoices/${inv.id}">${inv.number ?? inv.id}</a></td>
        <td class="num">${money(inv.amount_due, inv.currency)}</td>
        <td>${inv.status}</td>
      </tr>`,
  );
  const body = html`<h1>Billing</h1>
    <p>${customer?.email ?? customer?.name ?? session.customer}</p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
    ${sub ? subscriptionSection(ctx, base, sub) : html`<p>No active subscription.</p>`}
    <section aria-labelledby="payment-method">
      <h2 id="payment-method">Payment method</h2>
      <p>
        Test card:
        ${card === "succeed" ? "payments succeed" : card === "fail" ? "payments fail" : "payments require authentication"}
      </p>
      <form method="post" action="${base}/card-fail">
        <button type="submit">Use a card that fails</button>
      </form>
      <form method="post" action="${base}/card-succeed">
        <button type="submit">Use a working card</button>
      </form>
    </section>
    <section aria-labelledby="invoices">
      <h2 id="invoices">Invoices</h2>
      ${
        invoices.length > 0
          ? html`<table aria-label="Invoices">
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Invoice</th>
                  <th class="num">Amount</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                ${invoiceRows}
              </tbody>
            </table>`
          : html`<p>No invoices yet.</p>`
      }
    </section>
    ${session.return_url ? html`<p><a href="${session.return_url}">Return to Problemboard</a></p>` : ""}`;
  return layout("Billing", body);
}

function applyAction(
  ctx: EmulatorContext,
  session: PortalSessionRecord,
  action: string,
  form: Params,
) {
  const customer = session.customer;
  const now = ctx.clock.nowFor(customer);
  if (action === "card-fail") return void (ctx.state.cardBehavior[customer] = "fail");
  if (action === "card-succeed") {
    delete ctx.state.cardBehavior[customer];
    for (const sub of Object.values(ctx.state.subscriptions)) {
      const latest = sub.latest_invoice ? ctx.state.invoices[sub.latest_invoice] : undefined;
      if (sub.customer !== customer || !["past_due", "unpaid"].includes(sub.status)) continue;
      if (latest?.status === "open") payInvoiceNow(ctx, latest, now);
    }
    return;
  }
  const id = optionalString(form, "subscription") ?? "";
  const sub = ctx.state.subscriptions[id];
  if (!sub || sub.customer !== customer) return;
  const item = sub.items[0]!;
  switch (action) {
    case "update-plan":
      return updateSubscription(
        ctx,
        sub,
        { items: [{ id: item.id, price: requiredString(form, "price") }] },
        now,
      );
    case "update-seats":
      return updateSubscription(
        ctx,
        sub,
        { items: [{ id: item.id, quantity: requiredString(form, "quantity") }] },
        now,
      );
    case "cancel":
      return updateSubscription(ctx, sub, { cancel_at_period_end: "true" }, now);
    case "renew":
      return updateSubscription(ctx, sub, { cancel_at_period_end: "false" }, now);
    case "cancel-now":
      return cancelNow(ctx, sub, now, "cancellation_requested");
  }
}

const ACTIONS = new Set([
  "update-plan",
  "update-seats",
  "cancel",
  "renew",
  "cancel-now",
  "card-fail",
  "card-succeed",
]);

export function portalPageRoute(
  ctx: EmulatorContext,
  method: string,
  parts: string[],
  form: Params,
): PageResult | null {
  const [id, action] = parts;
  const session = id ? ctx.state.portalSessions[id] : undefined;
  if (!session) return null;
  if (method === "GET" && action === undefined)
    return { status: 200, html: portalPage(ctx, session) };
  if (method !== "POST" || !action || !ACTIONS.has(action)) return null;
  try {
    applyAction(ctx, session, action, form);
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    return { status: 400, html: portalPage(ctx, session, error.message) };
  }
  return { redirect: `${ctx.publicUrl()}/portal/${session.id}` };
}
