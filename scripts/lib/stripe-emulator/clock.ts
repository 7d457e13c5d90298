// Emulated time. Objects on a test clock live at that clock's frozen_time; everything else lives on
// the emulator's own clock: the base time source plus the seconds added by POST /_emulator/advance.
// All times are unix seconds, like Stripe's.
import { resourceMissing } from "./errors";
import type { EmulatorState } from "./state";
import type { Recurring } from "./types";

export const DAY = 86_400;

export class Clock {
  constructor(
    private readonly state: EmulatorState,
    private readonly baseNowMs: () => number,
  ) {}

  /** The emulator's own time, for everything not on a test clock. */
  globalNow(): number {
    return Math.floor(this.baseNowMs() / 1000) + this.state.clockOffset;
  }

  /** Time on a test clock, or the emulator's time when `testClock` is null. */
  nowOn(testClock: string | null): number {
    if (!testClock) return this.globalNow();
    const clock = this.state.testClocks[testClock];
    if (!clock) throw resourceMissing("test_helpers.test_clock", testClock, "test_clock");
    return clock.frozen_time;
  }

  /** The time a customer lives at (their test clock's, if they have one). */
  nowFor(customerId: string | null): number {
    const customer = customerId ? this.state.customers[customerId] : undefined;
    return this.nowOn(customer?.test_clock ?? null);
  }
}

/** Adds whole intervals the way Stripe bills: months keep the anchor's day, clamped to month end. */
export function addIntervals(anchor: number, recurring: Recurring, count: number): number {
  const n = recurring.interval_count * count;
  switch (recurring.interval) {
    case "day":
      return anchor + n * DAY;
    case "week":
      return anchor + n * 7 * DAY;
    case "month":
      return addMonths(anchor, n);
    case "year":
      return addMonths(anchor, 12 * n);
  }
}

function addMonths(anchor: number, months: number): number {
  const date = new Date(anchor * 1000);
  const day = date.getUTCDate();
  const target = new Date(date);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return Math.floor(target.getTime() / 1000);
}

/** The end of the billing period that starts at `start`, counted from the cycle anchor. */
export function periodEndAfter(anchor: number, start: number, recurring: Recurring): number {
  let count = 1;
  let end = addIntervals(anchor, recurring, count);
  while (end <= start) end = addIntervals(anchor, recurring, ++count);
  return end;
}
