import { onTestFinished } from "vitest";
import { manualClock, setClock } from "@/lib/clock";

/**
 * Install a manual clock as the app's clock for the current test (lib/clock), starting at the
 * system's "now" — never a literal date — and put the system clock back when the test ends.
 * Move it with `clock.advance(ms)` / `clock.set(date)`; everything that schedules (the queue,
 * email, schedules, billing grace, invitations, retention) reads it.
 */
export function installClock(start?: Date) {
  const clock = manualClock(start);
  onTestFinished(setClock(clock.now));
  return clock;
}
