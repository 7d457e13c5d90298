// The hosted invoice page (hosted_invoice_url; invoice_pdf serves the same page as HTML).
import type { EmulatorContext } from "../context";
import type { InvoiceRecord } from "../types";
import { day, html, layout, money, type PageResult } from "./html";

function invoicePage(invoice: InvoiceRecord): string {
  const rows = invoice.lines.map(
    (line) =>
      html`<tr>
        <td>${line.description}</td>
        <td>${day(line.period.start)} – ${day(line.period.end)}</td>
        <td class="num">${line.quantity}</td>
        <td class="num">${money(line.amount, invoice.currency)}</td>
      </tr>`,
  );
  const body = html`<h1>Invoice ${invoice.number ?? invoice.id}</h1>
    <dl>
      <dt>Status</dt>
      <dd>${invoice.status}</dd>
      <dt>Issued</dt>
      <dd>${day(invoice.finalized_at ?? invoice.created)}</dd>
      <dt>Billed to</dt>
      <dd>${invoice.customer_email ?? invoice.customer}</dd>
      <dt>Amount due</dt>
      <dd>${money(invoice.amount_due, invoice.currency)}</dd>
      <dt>Amount paid</dt>
      <dd>${money(invoice.amount_paid, invoice.currency)}</dd>
    </dl>
    <table aria-label="Invoice lines">
      <thead>
        <tr>
          <th>Description</th>
          <th>Period</th>
          <th class="num">Quantity</th>
          <th class="num">Amount</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
  return layout(`Invoice ${invoice.number ?? invoice.id}`, body);
}

export function invoicePageRoute(
  ctx: EmulatorContext,
  method: string,
  parts: string[],
): PageResult | null {
  const [id, extra] = parts;
  const invoice = id ? ctx.state.invoices[id] : undefined;
  if (method !== "GET" || !invoice || invoice.status === "draft") return null;
  if (extra !== undefined && extra !== "pdf") return null;
  return { status: 200, html: invoicePage(invoice) };
}
