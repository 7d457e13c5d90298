import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";

/**
 * A local stand-in for Resend's `POST /emails` (dev/test tooling; the `resend` SDK reaches it
 * through RESEND_BASE_URL). It behaves like Resend where our pipeline depends on it: a repeated
 * Idempotency-Key returns the first response without sending again, and it can be told to fail
 * the next requests with a status (429 with Retry-After, 500, 422) or to hang, or to decide per
 * request (`failWhen`: a share of sends hanging), and it can answer after a latency like the real
 * API's.
 */
export interface RecordedRequest {
  idempotencyKey: string | null;
  authorization: string | null;
  body: {
    from: string;
    to: string | string[];
    subject: string;
    html?: string;
    text?: string;
    headers?: Record<string, string>;
    tags?: { name: string; value: string }[];
  };
}

export interface SentEmail extends RecordedRequest {
  id: string;
}

type Failure =
  | { status: 429; retryAfterSeconds?: number }
  | { status: 500 | 503 }
  | { status: 422; message?: string }
  | { status: "hang" };

export interface ResendStandIn {
  url: string;
  /** Every request received, duplicates included. */
  requests: RecordedRequest[];
  /** Distinct emails "sent" (a replayed idempotency key adds none). */
  sent: SentEmail[];
  /** Fail the next `times` requests (Infinity: until `recover()`). */
  fail(failure: Failure, times?: number): void;
  /** Decide each request's fate (null: answer normally) until `recover()`. */
  failWhen(decide: (request: RecordedRequest) => Failure | null): void;
  /** Hanging requests whose client gave up and closed the connection. */
  readonly abandoned: number;
  /** Hanging requests still open. */
  readonly hanging: number;
  recover(): void;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown, headers = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export interface StandInOptions {
  port?: number;
  /** Keep request bodies (tests read them); a benchmark keeps only the keys to measure the app. */
  keepBodies?: boolean;
  /** Answer each request after this long (the real API takes tens to hundreds of ms). */
  latencyMs?: number;
}

export async function startResendStandIn(options: StandInOptions = {}): Promise<ResendStandIn> {
  const { port = 0, keepBodies = true, latencyMs = 0 } = options;
  const requests: RecordedRequest[] = [];
  const sent: SentEmail[] = [];
  const byKey = new Map<string, { id: string }>();
  let failure: Failure | null = null;
  let failuresLeft = 0;
  let decide: ((request: RecordedRequest) => Failure | null) | null = null;
  let abandoned = 0;
  const hanging = new Set<ServerResponse>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST" || request.url !== "/emails") {
      send(response, 404, { statusCode: 404, name: "not_found", message: "Not found" });
      return;
    }
    const raw = await readBody(request);
    const record: RecordedRequest = {
      idempotencyKey: (request.headers["idempotency-key"] as string | undefined) ?? null,
      authorization: request.headers.authorization ?? null,
      body: keepBodies
        ? (JSON.parse(raw) as RecordedRequest["body"])
        : { from: "", to: "", subject: "" },
    };
    requests.push(record);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));

    let current: Failure | null = decide ? decide(record) : null;
    if (!current && failure && failuresLeft > 0) {
      failuresLeft -= 1;
      current = failure;
      if (failuresLeft === 0) failure = null;
    }
    if (current) {
      if (current.status === "hang") {
        hanging.add(response);
        response.on("close", () => {
          if (hanging.delete(response)) abandoned += 1;
        });
        return;
      }
      if (current.status === 429) {
        const headers = current.retryAfterSeconds
          ? { "retry-after": String(current.retryAfterSeconds) }
          : {};
        send(
          response,
          429,
          { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" },
          headers,
        );
        return;
      }
      if (current.status === 422) {
        send(response, 422, {
          statusCode: 422,
          name: "validation_error",
          message: current.message ?? "Invalid `to` field.",
        });
        return;
      }
      send(response, current.status, {
        statusCode: current.status,
        name: "internal_server_error",
        message: "Resend is having a bad day",
      });
      return;
    }

    const known = record.idempotencyKey ? byKey.get(record.idempotencyKey) : undefined;
    if (known) {
      send(response, 200, known);
      return;
    }
    const result = { id: randomUUID() };
    if (record.idempotencyKey) byKey.set(record.idempotencyKey, result);
    sent.push({ ...record, id: result.id });
    send(response, 200, result);
  };
  const server = createServer((request, response) => void handle(request, response));

  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    sent,
    fail(next, times = 1) {
      failure = next;
      failuresLeft = times;
    },
    failWhen(next) {
      decide = next;
    },
    get abandoned() {
      return abandoned;
    },
    get hanging() {
      return hanging.size;
    },
    recover() {
      failure = null;
      failuresLeft = 0;
      decide = null;
    },
    async close() {
      const open = [...hanging];
      hanging.clear();
      for (const response of open) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
