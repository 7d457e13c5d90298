/**
 * The `stripe-webhook` scenario's load and its check.
 *
 * Load: a sequence of Stripe-signed `charge.dispute.created` events, generated and signed in the
 * scenario's setup (the signature tolerance is five minutes). 30 % of the requests re-deliver an
 * earlier event exactly (same id, body and signature), from the previous request (still in flight
 * on another connection) to a thousand requests back (long since recorded). Every request, on
 * whichever connection, takes the next entry, so each id is sent once plus its re-deliveries.
 * A dispute carries no customer, so processing marks the event skipped without calling Stripe:
 * the scenario measures the acknowledgement (signature check, ledger insert, job enqueue).
 *
 * Check: every event handed out is in the `stripe_events` ledger exactly once, with exactly one
 * `stripe.process-event` job; after the worker drains them, each was processed once (skipped,
 * one attempt) and none failed.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import Stripe from "stripe";
import type { BenchContext, FedRequest, RequestFeed } from "./scenarios";

export const WEBHOOK_PATH = "/api/webhooks/stripe";

/** Enough requests for ~1,500 req/s over the default 3 s warm-up + 10 s without wrapping. */
const SEQUENCE_LENGTH = 20_000;
/** In every 10 requests, these positions re-deliver an earlier event: 30 %. */
const DUPLICATE_SLOTS = new Set([2, 5, 8]);
/** How far back a re-delivery reaches, in turn: from "still in flight" to "long recorded". */
const DUPLICATE_DISTANCES = [1, 3, 20, 150, 1_000];
/** How long the check waits for the worker to process the recorded events. */
const PROCESSING_TIMEOUT_MS = 120_000;

export class WebhookFeed implements RequestFeed {
  /** Every event id of this run starts with it. */
  readonly idPrefix = `evt_bench_${randomBytes(4).toString("hex")}_`;
  readonly sequence: FedRequest[] = [];
  /** Requests handed out so far (a position past the sequence's end wraps around). */
  requests = 0;
  private readonly handedOut = new Map<string, FedRequest>();
  private readonly acknowledged = new Set<string>();

  constructor(secret: string, length = SEQUENCE_LENGTH) {
    const created = Math.floor(Date.now() / 1000);
    let distinct = 0;
    for (let i = 0; i < length; i++) {
      const back = DUPLICATE_DISTANCES[Math.floor(i / 10) % DUPLICATE_DISTANCES.length]!;
      const earlier = this.sequence[i - back];
      if (DUPLICATE_SLOTS.has(i % 10) && earlier) {
        this.sequence.push(earlier);
        continue;
      }
      const id = `${this.idPrefix}${distinct++}`;
      const payload = JSON.stringify(disputeEvent(id, created));
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
      this.sequence.push({
        key: id,
        body: payload,
        headers: { "stripe-signature": signature },
      });
    }
  }

  next(): FedRequest {
    const request = this.sequence[this.requests % this.sequence.length]!;
    this.requests += 1;
    if (!this.handedOut.has(request.key)) this.handedOut.set(request.key, request);
    return request;
  }

  answered(request: FedRequest, status: number): void {
    if (status >= 200 && status < 300) this.acknowledged.add(request.key);
  }

  /** Distinct event ids sent so far. */
  get distinct(): number {
    return this.handedOut.size;
  }

  /** Events sent whose every delivery is still unanswered (in flight when the load stopped). */
  unacknowledged(): FedRequest[] {
    return [...this.handedOut.values()].filter((r) => !this.acknowledged.has(r.key));
  }
}

/** A `charge.dispute.created` event as Stripe sends it; disputes name no customer. */
function disputeEvent(id: string, created: number) {
  const n = id.slice("evt_".length);
  return {
    id,
    object: "event",
    api_version: Stripe.API_VERSION,
    created,
    data: {
      object: {
        id: `dp_${n}`,
        object: "dispute",
        amount: 2900,
        balance_transactions: [],
        charge: `ch_${n}`,
        created,
        currency: "usd",
        evidence_details: {
          due_by: created + 7 * 24 * 3600,
          has_evidence: false,
          past_due: false,
          submission_count: 0,
        },
        is_charge_refundable: false,
        livemode: false,
        metadata: {},
        payment_intent: `pi_${n}`,
        reason: "fraudulent",
        status: "needs_response",
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "charge.dispute.created",
  };
}

/**
 * After the load: deliver again what was never answered, then compare the ledger and the job
 * table with the ids sent, and wait for the worker to process them. Returns the problem, or null.
 */
export async function verifyWebhookLedger(
  feed: WebhookFeed,
  ctx: BenchContext,
): Promise<string | null> {
  for (const request of feed.unacknowledged()) {
    const response = await fetch(`${ctx.baseUrl}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) return `re-delivering ${request.key} answered ${response.status}: ${text}`;
    feed.answered(request, response.status);
  }
  const sent = feed.distinct;
  const duplicateShare = feed.requests === 0 ? 0 : 1 - sent / feed.requests;
  console.log(
    `  webhooks: ${feed.requests} deliveries of ${sent} distinct events ` +
      `(${(duplicateShare * 100).toFixed(0)} % re-deliveries` +
      `${feed.requests > feed.sequence.length ? "; the sequence wrapped" : ""})`,
  );
  if (!ctx.databaseUrl) {
    console.warn("  webhooks: no database URL (--url), so the ledger was not checked");
    return null;
  }

  const sql = postgres(ctx.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const prefix = feed.idPrefix;
    const [ledger] = await sql<{ n: number }[]>`
      select count(*)::int as n from stripe_events where starts_with(id, ${prefix})`;
    const [jobs] = await sql<{ n: number; ids: number }[]>`
      select count(*)::int as n, count(distinct payload->>'eventId')::int as ids
      from jobs
      where name = 'stripe.process-event' and starts_with(payload->>'eventId', ${prefix})`;
    if (ledger?.n !== sent) return `ledger has ${ledger?.n} rows for ${sent} distinct events sent`;
    if (jobs?.n !== sent || jobs.ids !== sent) {
      return `${jobs?.n} stripe.process-event jobs (${jobs?.ids} distinct events) for ${sent} events`;
    }

    const started = Date.now();
    for (;;) {
      const [state] = await sql<{ open: number; skipped: number; failed: number; most: number }[]>`
        select count(*) filter (where status not in ('skipped', 'processed', 'failed'))::int as open,
               count(*) filter (where status = 'skipped' and attempts = 1)::int as skipped,
               count(*) filter (where status = 'failed')::int as failed,
               coalesce(max(attempts), 0)::int as most
        from stripe_events where starts_with(id, ${prefix})`;
      if (!state) return "could not read the ledger";
      if (state.failed > 0) return `${state.failed} events failed processing`;
      if (state.most > 1) return `an event was processed ${state.most} times`;
      if (state.open === 0) {
        if (state.skipped !== sent) return `${state.skipped} of ${sent} events skipped once`;
        console.log(
          `  webhooks: ledger ${sent} rows, ${sent} jobs; all processed once (skipped, no ` +
            `customer) ${((Date.now() - started) / 1000).toFixed(1)} s after the load`,
        );
        return null;
      }
      if (Date.now() - started > PROCESSING_TIMEOUT_MS) {
        return `${state.open} of ${sent} events still unprocessed ${PROCESSING_TIMEOUT_MS / 1000} s after the load`;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
