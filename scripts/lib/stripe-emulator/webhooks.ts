// Webhook delivery as Stripe does it: one POST per event, in creation order, JSON body, signed with
// `Stripe-Signature: t=<unix seconds>,v1=<HMAC-SHA256(secret, "t.body")>`. Sequential (an event
// waits for the one before it), asynchronous (never holds up the API response), retried with
// backoff on a non-2xx answer or a network error, then given up with a log line.
//
// The signature's timestamp is real wall-clock time, not emulated time: receivers check it against
// their own clock (the SDK's constructEvent allows 300 s), and emulated time may be days ahead.
import { createHmac } from "node:crypto";
import type { EventRecord } from "./types";

export const DEFAULT_RETRY_DELAYS_MS = [200, 1_000, 5_000, 5_000];
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;

export function signWebhookPayload(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`).digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

type Delivery = { url: string; event: EventRecord };

export class WebhookDispatcher {
  private readonly queue: Delivery[] = [];
  private draining: Promise<void> | null = null;
  private readonly stop = new AbortController();
  /** While held, events queue up in order and nothing is posted (the app is not listening yet). */
  private held = false;

  constructor(
    private url: string | null,
    private readonly secret: string,
    private readonly retryDelaysMs: readonly number[],
    private readonly log: (message: string) => void,
    private readonly attemptTimeoutMs = DEFAULT_ATTEMPT_TIMEOUT_MS,
  ) {}

  get targetUrl(): string | null {
    return this.url;
  }

  setUrl(url: string | null): void {
    this.url = url || null;
  }

  /** Queues the event for the current endpoint; returns how many endpoints will receive it. */
  enqueue(event: EventRecord): number {
    if (!this.url || this.stop.signal.aborted) return 0;
    this.queue.push({ url: this.url, event });
    if (!this.held) this.draining ??= this.drain();
    return 1;
  }

  /** Queue events without posting them until `release()`. */
  hold(): void {
    this.held = true;
  }

  /** Post what was queued while held, in order, and every event from now on. */
  release(): void {
    this.held = false;
    if (this.queue.length > 0) this.draining ??= this.drain();
  }

  /** Resolves once every queued delivery has succeeded or been given up. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  close(): void {
    this.stop.abort();
    this.queue.length = 0;
  }

  private async drain(): Promise<void> {
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        await this.deliver(next);
      }
    } finally {
      this.draining = null;
    }
  }

  private async deliver({ url, event }: Delivery): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    const attempts = this.retryDelaysMs.length + 1;
    let problem = "";
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0 && !(await this.sleep(this.retryDelaysMs[attempt - 1] ?? 0))) return;
      try {
        const response = await fetch(url, {
          method: "POST",
          redirect: "manual",
          headers: {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            "Stripe-Signature": signWebhookPayload(
              payload,
              this.secret,
              Math.floor(Date.now() / 1000),
            ),
          },
          body: payload,
          signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.attemptTimeoutMs)]),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.status >= 200 && response.status < 300) return;
        problem = `HTTP ${response.status}`;
      } catch (error) {
        if (this.stop.signal.aborted) return;
        problem = error instanceof Error ? error.message : String(error);
      }
    }
    this.log(
      `[stripe-emulator] gave up delivering ${event.type} ${event.id} to ${url} after ${attempts} attempts (${problem})`,
    );
  }

  /** Waits unless the dispatcher closes first; false when it closed. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.stop.signal.aborted) return resolve(false);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.stop.signal.removeEventListener("abort", onAbort);
        resolve(true);
      }, ms);
      this.stop.signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}
