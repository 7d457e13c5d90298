/**
 * A per-process sliding-window limiter: the embedded default (no Redis) and the fail-open
 * fallback while Redis is unreachable. It approximates the sliding window the way Upstash does:
 * the previous fixed window's count weighted by how much of it still overlaps.
 */
interface Windows {
  start: number;
  current: number;
  previous: number;
}

export interface MemoryResult {
  success: boolean;
  remaining: number;
  reset: number;
}

export class MemoryLimiter {
  private readonly windows = new Map<string, Windows>();

  limit(key: string, limit: number, windowMs: number, now = Date.now()): MemoryResult {
    const start = now - (now % windowMs);
    let state = this.windows.get(key);
    if (!state || state.start < start - windowMs) {
      state = { start, current: 0, previous: 0 };
    } else if (state.start < start) {
      state = { start, current: 0, previous: state.current };
    }
    const overlap = 1 - (now - start) / windowMs;
    const used = Math.floor(state.previous * overlap) + state.current;
    const success = used < limit;
    if (success) state.current += 1;
    this.windows.set(key, state);
    if (this.windows.size > 50_000) this.prune(now, windowMs);
    return {
      success,
      remaining: Math.max(0, limit - used - (success ? 1 : 0)),
      reset: start + windowMs,
    };
  }

  private prune(now: number, windowMs: number) {
    for (const [key, state] of this.windows) {
      if (state.start < now - 2 * windowMs) this.windows.delete(key);
    }
  }
}
