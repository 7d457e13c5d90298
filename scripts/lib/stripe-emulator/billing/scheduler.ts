// Runs what Stripe would do between two moments, in time order: trial warnings (3 days before the
// trial ends), trial ends, scheduled cancellations, renewals, and retries of failed invoices.
// One engine for both kinds of time: a test clock's advance, and the emulator's own clock
// (POST /_emulator/advance, and catching up with real time before each request).
import type { EmulatorContext } from "../context";
import { presentSubscription } from "../present";
import {
  cancelNow,
  endTrial,
  renewSubscription,
  retryInvoice,
  TRIAL_WARNING_SECONDS,
  warnTrialEnding,
} from "./lifecycle";

type DueStep = { at: number; rank: number; run: () => void };

// Stripe leaves an unpaid first invoice open for 23 hours before the subscription expires.
const INCOMPLETE_EXPIRES_AFTER = 23 * 3600;
// A guard against runaway loops (a daily price advanced by a century is 36,500 steps).
const MAX_STEPS = 50_000;

function nextStep(ctx: EmulatorContext, testClock: string | null, until: number): DueStep | null {
  let best: DueStep | null = null;
  const consider = (at: number, rank: number, run: (at: number) => void) => {
    if (at > until) return;
    if (!best || at < best.at || (at === best.at && rank < best.rank)) {
      best = { at, rank, run: () => run(at) };
    }
  };
  for (const sub of Object.values(ctx.state.subscriptions)) {
    if (sub.test_clock !== testClock) continue;
    if (sub.status === "incomplete") {
      consider(sub.created + INCOMPLETE_EXPIRES_AFTER, 0, (at) => {
        sub.status = "incomplete_expired";
        sub.ended_at = at;
        ctx.events.emit("customer.subscription.deleted", presentSubscription(ctx, sub), at);
      });
      continue;
    }
    if (!["trialing", "active", "past_due"].includes(sub.status)) continue;
    if (
      sub.status === "trialing" &&
      sub.trial_end !== null &&
      ctx.state.trialWarnings[sub.id] !== sub.trial_end
    ) {
      const warnAt = Math.max(
        sub.trial_end - TRIAL_WARNING_SECONDS,
        sub.trial_start ?? sub.created,
      );
      consider(warnAt, 1, (at) => warnTrialEnding(ctx, sub, at));
    }
    if (sub.cancel_at !== null && sub.cancel_at <= sub.current_period_end) {
      consider(sub.cancel_at, 2, (at) => cancelNow(ctx, sub, at, "cancellation_requested"));
    } else if (sub.status === "trialing") {
      consider(sub.current_period_end, 3, (at) => endTrial(ctx, sub, at));
    } else {
      consider(sub.current_period_end, 3, (at) => renewSubscription(ctx, sub, at));
    }
  }
  for (const invoice of Object.values(ctx.state.invoices)) {
    if (invoice.test_clock !== testClock || invoice.status !== "open") continue;
    if (invoice.next_payment_attempt === null) continue;
    consider(invoice.next_payment_attempt, 4, (at) => retryInvoice(ctx, invoice, at));
  }
  return best;
}

/** Runs every step due on `testClock` (null: the emulator's own clock) up to `until`. */
export function runDueSteps(ctx: EmulatorContext, testClock: string | null, until: number): void {
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    const step = nextStep(ctx, testClock, until);
    if (!step) return;
    step.run();
  }
  throw new Error(`Advancing time ran more than ${MAX_STEPS} billing steps; advance less at once.`);
}

/** Brings everything not on a test clock up to the emulator's current time. */
export function catchUp(ctx: EmulatorContext): void {
  runDueSteps(ctx, null, ctx.clock.globalNow());
}
