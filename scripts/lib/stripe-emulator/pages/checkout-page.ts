// The hosted checkout page: the order, "Pay" (completes the session and redirects to success_url)
// and "Pay with a declined card" (shows the decline, changes nothing), and a "Cancel" link.
// The decline button's accessible name is "Use a declined card": Playwright matches button names
// by substring, and a name containing "Pay" would make getByRole("button", { name: "Pay" })
// ambiguous.
import { completeCheckout, successRedirect } from "../billing/complete-checkout";
import type { EmulatorContext } from "../context";
import { describePrice, priceRecord } from "../billing/lines";
import type { CheckoutSessionRecord } from "../types";
import { day, html, layout, money, per, type PageResult } from "./html";

function orderSummary(ctx: EmulatorContext, session: CheckoutSessionRecord) {
  const rows = session.line_items.map((item) => {
    const price = priceRecord(ctx, item.price);
    const recurring = price.recurring;
    const unit = `${money(price.unit_amount, price.currency)}${recurring ? ` ${per(recurring.interval, recurring.interval_count)}` : ""}`;
    return html`<tr>
      <td>${describePrice(ctx, price)}</td>
      <td class="num">${item.quantity}</td>
      <td class="num">${unit}</td>
      <td class="num">${money(price.unit_amount * item.quantity, price.currency)}</td>
    </tr>`;
  });
  return html`<table aria-label="Order summary">
    <thead>
      <tr>
        <th>Item</th>
        <th class="num">Quantity</th>
        <th class="num">Unit price</th>
        <th class="num">Amount</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function checkoutPage(ctx: EmulatorContext, session: CheckoutSessionRecord, error?: string) {
  const base = `${ctx.publicUrl()}/checkout/${session.id}`;
  const email = session.customer
    ? ctx.state.customers[session.customer]?.email
    : session.customer_email;
  if (session.status !== "open") {
    const body = html`<h1>Checkout</h1>
      <p>This checkout session is ${session.status === "complete" ? "complete" : "expired"}.</p>
      ${session.status === "complete" ? html`<p><a href="${successRedirect(session)}">Continue</a></p>` : ""}`;
    return layout("Checkout", body);
  }
  const trial = session.trial_period_days;
  const body = html`<h1>Subscribe</h1>
    ${email ? html`<p>Email: <strong>${email}</strong></p>` : ""} ${orderSummary(ctx, session)}
    ${trial ? html`<p>Includes a ${trial}-day free trial; the first payment is on ${day(session.created + trial * 86_400)}.</p>` : ""}
    <p><strong>Total due today: ${money(session.amount_total, session.currency)}</strong></p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
    <form method="post" action="${base}/pay"><button type="submit">Pay</button></form>
    <form method="post" action="${base}/decline">
      <button type="submit" aria-label="Use a declined card">Pay with a declined card</button>
    </form>
    ${session.cancel_url ? html`<p><a href="${session.cancel_url}">Cancel</a></p>` : ""}`;
  return layout("Checkout", body);
}

export function checkoutPageRoute(
  ctx: EmulatorContext,
  method: string,
  parts: string[],
): PageResult | null {
  const [id, action] = parts;
  const session = id ? ctx.state.checkoutSessions[id] : undefined;
  if (!session) return null;
  if (method === "GET" && action === undefined) {
    return { status: 200, html: checkoutPage(ctx, session) };
  }
  if (method !== "POST" || (action !== "pay" && action !== "decline")) return null;
  if (session.status !== "open") return { status: 409, html: checkoutPage(ctx, session) };
  const outcome = completeCheckout(ctx, session, { declineCard: action === "decline" });
  if (outcome === "completed") return { redirect: successRedirect(session) };
  return { status: 402, html: checkoutPage(ctx, session, "Your card was declined.") };
}
