// Invoice lines: a full period per subscription item, a zero-amount trial line, and prorations.
//
// Prorations are a deliberate simplification of Stripe's: for each item whose price or quantity
// changed, a credit for the unused part of the current period at the old price and a charge for
// the same remaining part at the new price, both prorated by seconds and rounded to the cent.
// (Stripe also prorates by seconds, but itemises discounts, taxes and credit balances, which the
// emulator does not model.)
import { newId } from "../ids";
import type { EmulatorContext } from "../context";
import type { InvoiceLineRecord, PriceRecord, SubscriptionItemRecord } from "../types";

export function priceRecord(ctx: EmulatorContext, id: string): PriceRecord {
  const price = ctx.state.prices[id];
  if (!price) throw new Error(`Emulator state refers to a missing price ${id}`);
  return price;
}

/** "Team (monthly)": the product's name, with the price's nickname when it has one. */
export function describePrice(ctx: EmulatorContext, price: PriceRecord): string {
  const product = ctx.state.products[price.product]?.name ?? price.product;
  return price.nickname ? `${product} (${price.nickname})` : product;
}

type Period = { start: number; end: number };

export function periodLines(
  ctx: EmulatorContext,
  items: SubscriptionItemRecord[],
  period: Period,
  { trial = false } = {},
): InvoiceLineRecord[] {
  return items.map((item) => {
    const price = priceRecord(ctx, item.price);
    const name = describePrice(ctx, price);
    return {
      id: newId("il"),
      price: price.id,
      quantity: item.quantity,
      amount: trial ? 0 : price.unit_amount * item.quantity,
      description: trial ? `Trial period for ${name}` : `${item.quantity} × ${name}`,
      period,
      proration: false,
      subscription_item: item.id,
    };
  });
}

export function prorationLines(
  ctx: EmulatorContext,
  before: SubscriptionItemRecord[],
  after: SubscriptionItemRecord[],
  period: Period,
  now: number,
): InvoiceLineRecord[] {
  const length = period.end - period.start;
  const unused = length > 0 ? Math.min(1, Math.max(0, (period.end - now) / length)) : 0;
  if (unused === 0) return [];
  const remaining = { start: now, end: period.end };
  const same = (a: SubscriptionItemRecord, b: SubscriptionItemRecord | undefined) =>
    b !== undefined && a.price === b.price && a.quantity === b.quantity;
  const lines: InvoiceLineRecord[] = [];
  for (const old of before) {
    const current = after.find((item) => item.id === old.id);
    if (same(old, current)) continue;
    const price = priceRecord(ctx, old.price);
    lines.push({
      id: newId("il"),
      price: price.id,
      quantity: old.quantity,
      amount: -Math.round(price.unit_amount * old.quantity * unused),
      description: `Unused time on ${old.quantity} × ${describePrice(ctx, price)}`,
      period: remaining,
      proration: true,
      subscription_item: old.id,
    });
  }
  for (const item of after) {
    if (
      same(
        item,
        before.find((old) => old.id === item.id),
      )
    )
      continue;
    const price = priceRecord(ctx, item.price);
    lines.push({
      id: newId("il"),
      price: price.id,
      quantity: item.quantity,
      amount: Math.round(price.unit_amount * item.quantity * unused),
      description: `Remaining time on ${item.quantity} × ${describePrice(ctx, price)}`,
      period: remaining,
      proration: true,
      subscription_item: item.id,
    });
  }
  return lines.filter((line) => line.amount !== 0);
}
