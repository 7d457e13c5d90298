// The server's drain on SIGTERM (lib/process/graceful-shutdown.mjs), on a plain Node HTTP server
// like scripts/serve.mjs's: idle keep-alive connections close at once, in-flight requests finish,
// nothing new is accepted, and a request that outlives the limit is cut off at it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createDrain, onShutdown, runShutdownHooks } from "@/lib/process/graceful-shutdown.mjs";

let server: http.Server | undefined;

afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

async function start(handler: http.RequestListener) {
  server = http.createServer();
  const drain = createDrain(server);
  server.on("request", handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { drain, port };
}

function get(port: number, path: string, agent: http.Agent) {
  return new Promise<{ status: number; body: string; connection: string | undefined }>(
    (resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path, agent }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () =>
            resolve({ status: res.statusCode!, body, connection: res.headers.connection }),
          );
        })
        .on("error", reject);
    },
  );
}

describe("graceful drain", () => {
  it("finishes in-flight requests, closes idle keep-alive connections, refuses new ones", async () => {
    const { drain, port } = await start((req, res) => {
      const delay = req.url === "/slow" ? 600 : 0;
      setTimeout(() => res.end(req.url), delay);
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    // One idle keep-alive connection, one request in flight.
    expect((await get(port, "/fast", agent)).status).toBe(200);
    const slow = get(port, "/slow", agent);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = performance.now();
    const drained = drain.drain({ timeoutMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(get(port, "/new", new http.Agent())).rejects.toThrow(/ECONNREFUSED/);

    const answer = await slow;
    expect(answer).toMatchObject({ status: 200, body: "/slow" });
    expect(await drained).toEqual({ timedOut: false, abandoned: 0 });
    // Done as soon as the slow request was, not at the limit.
    expect(performance.now() - started).toBeLessThan(2_000);
    agent.destroy();
  });

  it("cuts off a request that outlives the drain limit", async () => {
    const { drain, port } = await start(() => {
      // never answers
    });
    const hung = get(port, "/hang", new http.Agent()).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    expect(await drain.drain({ timeoutMs: 300 })).toEqual({ timedOut: true, abandoned: 1 });
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(await hung).toBeInstanceOf(Error);
  });

  it("waits for shutdown hooks, each bounded", async () => {
    const order: string[] = [];
    const offA = onShutdown(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push("worker released its jobs");
    });
    const offB = onShutdown(() => new Promise(() => {})); // hangs
    const started = performance.now();
    await runShutdownHooks(500);
    offA();
    offB();
    expect(order).toEqual(["worker released its jobs"]);
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
