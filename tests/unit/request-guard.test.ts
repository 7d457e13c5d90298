import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  createCheckContinueListener,
  createRequestListener,
  MAX_BODY_BYTES,
} from "@/lib/http/request-guard.mjs";

// The request listener of `npm start` / `npm run dev` (scripts/serve.mjs) on a real HTTP server,
// with a stand-in for Next.js that reports what it was handed. Requests go over real sockets.

interface Handed {
  xff: string | undefined;
  forwardedHost: string | undefined;
  bytes: number;
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function start(trustedProxyHops: number, maxBodyBytes?: number) {
  const handed: Handed[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let bytes = 0;
    for await (const chunk of req) bytes += (chunk as Buffer).length;
    const seen = {
      xff: req.headers["x-forwarded-for"] as string | undefined,
      forwardedHost: req.headers["x-forwarded-host"] as string | undefined,
      bytes,
    };
    handed.push(seen);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(seen));
  };
  const listener = createRequestListener(handle, { trustedProxyHops, maxBodyBytes });
  const server = http.createServer(listener);
  server.on("checkContinue", createCheckContinueListener(listener, { maxBodyBytes }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, handed };
}

/** One raw HTTP/1.1 exchange: write `head`, then `body` chunks, and read until the server closes. */
async function exchange(
  port: number,
  head: string,
  body: { chunks?: number; chunkSize?: number; chunked?: boolean } = {},
): Promise<{ response: string; sent: number; error?: string }> {
  const socket = net.connect(port, "127.0.0.1");
  let response = "";
  let sent = 0;
  let error: string | undefined;
  socket.on("data", (data) => (response += data.toString()));
  socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code));
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.write(head);
  const chunk = Buffer.alloc(body.chunkSize ?? 64 * 1024, "a");
  const total = body.chunks ?? 0;
  for (let i = 0; i < total && !socket.destroyed && !socket.writableEnded; i++) {
    if (body.chunked) socket.write(`${chunk.length.toString(16)}\r\n`);
    socket.write(chunk);
    const more = socket.write(body.chunked ? "\r\n" : "");
    sent += chunk.length;
    if (!more) {
      await Promise.race([new Promise((resolve) => socket.once("drain", resolve)), closed]);
    }
  }
  if (body.chunked && !socket.destroyed && !socket.writableEnded) socket.write("0\r\n\r\n");
  // Ask the server to close once it has answered.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  socket.destroy();
  return { response, sent, error };
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
const jsonOf = (response: string) => JSON.parse(response.slice(response.indexOf("\r\n\r\n") + 4));

describe("the client address the server hands on", () => {
  it("at hops 0 is the socket's, whatever X-Forwarded-For the client rotates through", async () => {
    const { port } = await start(0);
    for (const spoof of ["1.1.1.1", "2.2.2.2, 3.3.3.3", "127.0.0.2"]) {
      const { response } = await exchange(
        port,
        `GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: ${spoof}\r\n` +
          `X-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n`,
      );
      expect(jsonOf(response)).toEqual({ xff: "127.0.0.1", bytes: 0 });
    }
  });

  it("at hops 1 is what the proxy appended, then the socket", async () => {
    const { port } = await start(1);
    const { response } = await exchange(
      port,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 6.6.6.6, 203.0.113.7\r\n` +
        `X-Forwarded-Host: app.example\r\nConnection: close\r\n\r\n`,
    );
    expect(jsonOf(response)).toEqual({
      xff: "203.0.113.7, 127.0.0.1",
      forwardedHost: "app.example",
      bytes: 0,
    });
  });
});

describe("the body limit", () => {
  it("refuses a chunked body the moment it passes the limit, before the app sees it", async () => {
    const { port, handed } = await start(0);
    // 200 MB offered in 64 KB chunks, with no Content-Length.
    const { response, sent } = await exchange(
      port,
      "POST /api/auth/sign-in/email HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
      { chunks: 3200, chunked: true },
    );
    expect(statusOf(response)).toBe(413);
    expect(response).toMatch(/content-type: application\/problem\+json/i);
    expect(response).toMatch(/connection: close/i);
    expect(jsonOf(response)).toMatchObject({
      status: 413,
      code: "payload_too_large",
      instance: "/api/auth/sign-in/email",
    });
    expect(handed).toEqual([]);
    // The connection was closed long before the client got through its 200 MB.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it("hands on a chunked body within the limit, every byte of it", async () => {
    const { port, handed } = await start(0);
    const { response } = await exchange(
      port,
      "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
      { chunks: 16, chunkSize: 64 * 1024, chunked: true },
    );
    expect(statusOf(response)).toBe(200);
    expect(handed).toEqual([{ xff: "127.0.0.1", bytes: MAX_BODY_BYTES }]);
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const { port, handed } = await start(0, 1024);
    const { response } = await exchange(
      port,
      "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1025\r\n\r\n",
    );
    expect(statusOf(response)).toBe(413);
    expect(jsonOf(response)).toMatchObject({ detail: "Request bodies are limited to 1 KB." });
    expect(handed).toEqual([]);
  });

  it("answers Expect: 100-continue over the limit with 413 and no 100 Continue", async () => {
    const { port, handed } = await start(0);
    const { response } = await exchange(
      port,
      `POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: ${200 * 1024 * 1024}\r\n` +
        `Expect: 100-continue\r\n\r\n`,
    );
    expect(response).not.toMatch(/100 Continue/);
    expect(statusOf(response)).toBe(413);
    expect(handed).toEqual([]);
  });

  it("lets a body within the limit through, with or without Expect: 100-continue", async () => {
    const { port, handed } = await start(0);
    const small = await fetch(`http://127.0.0.1:${port}/x`, { method: "POST", body: "hello" });
    expect(await small.json()).toEqual({ xff: "127.0.0.1", bytes: 5 });
    const { response } = await exchange(
      port,
      "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n" +
        "Connection: close\r\n\r\nabc",
    );
    expect(response).toMatch(/^HTTP\/1\.1 100 Continue/);
    expect(handed.at(-1)).toEqual({ xff: "127.0.0.1", bytes: 3 });
  });
});
