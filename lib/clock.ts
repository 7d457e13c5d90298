/**
 * The app's one clock for business time: when a job is due, when a schedule fires, when an
 * invitation or a billing grace period ends, how far back retention reaches. Everything that
 * schedules or compares such times reads `now()` from here, so a test can move time by
 * injecting a clock (`setClock`) and build every time relative to it, and never depends on the
 * calendar.
 *
 * Elapsed-time measurements inside one process (cache freshness, timeouts, rate-limit reset
 * headers, log throttling) keep `Date.now()`: they are about the wall clock passing, not about
 * business time.
 */
export type Clock = () => Date;

const systemClock: Clock = () => new Date();
let current: Clock = systemClock;

/** Business time now. */
export function now(): Date {
  return current();
}

/** Business time now, in milliseconds since the epoch. */
export function nowMs(): number {
  return current().getTime();
}

/** Replace the clock (tests). Returns a function that puts the previous one back. */
export function setClock(clock: Clock): () => void {
  const previous = current;
  current = clock;
  return () => {
    current = previous;
  };
}

/** Back to the system clock. */
export function resetClock(): void {
  current = systemClock;
}

/**
 * A clock for tests that starts at the system's "now" (never a literal date) and only moves when
 * told to: `clock.advance(60_000)`, `clock.set(date)`. Install it with `setClock(clock.now)`.
 */
export function manualClock(start: Date = new Date()) {
  let at = start.getTime();
  return {
    now: (): Date => new Date(at),
    advance(ms: number): Date {
      at += ms;
      return new Date(at);
    },
    set(date: Date): void {
      at = date.getTime();
    },
  };
}
