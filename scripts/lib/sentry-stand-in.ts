import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

/**
 * A local stand-in for Sentry's ingest endpoint (dev/test tooling): the SDKs reach it through a
 * DSN like `http://public@127.0.0.1:PORT/1`, which makes them `POST /api/1/envelope/`. Every
 * envelope is recorded (decompressed when the SDK gzipped it) and answered 200.
 *
 * Tests read what arrived over HTTP: `GET /envelopes` returns the recorded envelopes as JSON,
 * `DELETE /envelopes` forgets them, `GET /health` answers 200. Run it on its own with
 * `tsx scripts/lib/sentry-stand-in.ts [--port N]` (the e2e suite does, from playwright.config.ts).
 */

export interface EnvelopeItem {
  header: Record<string, unknown>;
  /** The item's payload: parsed JSON (an event, a session …), or the raw text if it is not JSON. */
  payload: unknown;
}

export interface RecordedEnvelope {
  project: string;
  receivedAt: string;
  /** The envelope exactly as it arrived, decompressed: what a leak check should search. */
  raw: string;
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

export interface SentryStandIn {
  url: string;
  /** A DSN for the SDKs, pointing here. */
  dsn: string;
  envelopes: RecordedEnvelope[];
  close(): Promise<void>;
}

const ENVELOPE_PATH = /^\/api\/([^/]+)\/envelope\/?(?:\?.*)?$/;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? "").toLowerCase()) {
    case "gzip":
      return gunzipSync(body);
    case "deflate":
      return inflateSync(body);
    case "br":
      return brotliDecompressSync(body);
    default:
      // Some transports gzip without saying so.
      return body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Envelopes are newline-delimited: an envelope header, then per item a header and a payload. An
 * item header with `length` is followed by exactly that many bytes (which may contain newlines,
 * or be binary: a compressed replay recording).
 */
export function parseEnvelope(bytes: Buffer): Pick<RecordedEnvelope, "header" | "items"> {
  let offset = 0;
  const readLine = (): string | null => {
    if (offset >= bytes.length) return null;
    const end = bytes.indexOf(0x0a, offset);
    const line = bytes.subarray(offset, end === -1 ? bytes.length : end).toString("utf8");
    offset = end === -1 ? bytes.length : end + 1;
    return line;
  };
  const header = parseJson(readLine() ?? "{}") as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  for (let line = readLine(); line !== null; line = readLine()) {
    if (line.trim() === "") continue;
    const itemHeader = parseJson(line) as Record<string, unknown>;
    let payloadText: string;
    if (typeof itemHeader.length === "number") {
      payloadText = bytes.subarray(offset, offset + itemHeader.length).toString("utf8");
      offset += itemHeader.length;
      if (bytes[offset] === 0x0a) offset += 1;
    } else {
      payloadText = readLine() ?? "";
    }
    items.push({ header: itemHeader, payload: parseJson(payloadText) });
  }
  return { header, items };
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

export async function startSentryStandIn(options: { port?: number } = {}): Promise<SentryStandIn> {
  const envelopes: RecordedEnvelope[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? "/";
    const envelope = ENVELOPE_PATH.exec(url);
    if (request.method === "POST" && envelope) {
      const bytes = decode(await readBody(request), request.headers["content-encoding"]);
      envelopes.push({
        project: envelope[1]!,
        receivedAt: new Date().toISOString(),
        raw: bytes.toString("utf8"),
        ...parseEnvelope(bytes),
      });
      json(response, 200, {});
      return;
    }
    if (url === "/envelopes" && request.method === "GET") return json(response, 200, envelopes);
    if (url === "/envelopes" && request.method === "DELETE") {
      envelopes.length = 0;
      return json(response, 200, { cleared: true });
    }
    if (url === "/health") return json(response, 200, { status: "ok" });
    json(response, 404, { detail: "not found" });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      json(response, 400, { detail: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dsn: `http://public@127.0.0.1:${port}/1`,
    envelopes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const index = process.argv.indexOf("--port");
  const port = index === -1 ? 0 : Number(process.argv[index + 1]);
  const standIn = await startSentryStandIn({ port });
  console.log(`Sentry stand-in on ${standIn.url} (DSN ${standIn.dsn})`);
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
