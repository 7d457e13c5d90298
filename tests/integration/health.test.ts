// Liveness and readiness. The outage test routes the app's own database connection through a TCP
// proxy started here, then closes it (the database "goes away") and reopens it on the same port:
// readiness must go 503 and come back to 200 in the same process, without a restart. With
// REDIS_URL, the app's Redis is configured (through the Upstash bridge) and checked as well.
// App modules are imported only after the environment points at both (lib/env reads it once).
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { requireRedisUrl, startTestBridge, type TestBridge } from "../support/redis";

interface TcpProxy {
  port: number;
  /** Stop listening and cut every open connection, as a crashed or unreachable server would. */
  close(): Promise<void>;
  /** Listen again on the same port. */
  open(): Promise<void>;
}

async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = net.createServer((client) => {
        const upstream = net.connect(targetPort, targetHost);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        port = (next.address() as net.AddressInfo).port;
        server = next;
        resolve();
      });
    });

  await listen();
  return {
    get port() {
      return port;
    },
    async close() {
      const current = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (current ? current.close(() => resolve()) : resolve()));
    },
    open: listen,
  };
}

/** Whether the test database is a real PostgreSQL server we can put a TCP proxy in front of. */
function proxiable(): boolean {
  if (process.env.DATABASE_EMBEDDED !== "1") return true;
  if (process.env.REQUIRE_SERVICES === "1") {
    throw new Error(
      "REQUIRE_SERVICES=1 but the database outage test runs on PGlite: set DATABASE_URL to a " +
        "PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres).",
    );
  }
  console.warn(
    "SKIPPED: the database outage readiness test needs a PostgreSQL server (DATABASE_URL); " +
      "on PGlite it cannot cut the connection.",
  );
  return false;
}

const originalEnv = { ...process.env };
const canProxy = proxiable();
let tcpProxy: TcpProxy | null = null;
if (canProxy) {
  const url = new URL(process.env.DATABASE_URL!);
  tcpProxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
  url.hostname = "127.0.0.1";
  url.port = String(tcpProxy.port);
  process.env.DATABASE_URL = url.toString();
}
let bridge: TestBridge | null = null;
if (requireRedisUrl()) {
  bridge = await startTestBridge();
  process.env.UPSTASH_REDIS_REST_URL = bridge.url;
  process.env.UPSTASH_REDIS_REST_TOKEN = bridge.token;
}

const { GET: live } = await import("@/app/api/health/route");
const { GET: ready } = await import("@/app/api/health/ready/route");
const { checkReadiness } = await import("@/lib/observability/check-readiness");
const { closeDatabase } = await import("@/lib/db");

afterAll(async () => {
  await closeDatabase();
  await tcpProxy?.close();
  await bridge?.stop();
  process.env = originalEnv;
});

interface ReadyBody {
  status: string;
  checks: Record<string, Record<string, unknown>>;
}

async function readiness(): Promise<{ status: number; body: ReadyBody; text: string }> {
  const response = await ready();
  const text = await response.text();
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, body: JSON.parse(text) as ReadyBody, text };
}

describe("GET /api/health", () => {
  it("answers ok without touching a dependency", async () => {
    const response = live();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

describe("GET /api/health/ready", () => {
  it("reports each dependency when everything is up", async () => {
    const { status, body } = await readiness();
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.checks.database).toEqual({ status: "ok", latencyMs: expect.any(Number) });
    expect(body.checks.redis).toEqual(
      bridge ? { status: "ok", latencyMs: expect.any(Number) } : { status: "not_configured" },
    );
    expect(body.checks.queue).toMatchObject({
      status: "ok",
      due: expect.any(Number),
      oldestDueAgeMs: expect.any(Number),
      dead: expect.any(Number),
    });
    expect(body.checks.backup).toEqual({ status: "not_configured" });
  });

  it.skipIf(!canProxy)(
    "goes 503 while PostgreSQL is unreachable and recovers without a restart",
    async () => {
      expect((await readiness()).status).toBe(200);

      await tcpProxy!.close();
      const down = await readiness();
      expect(down.status).toBe(503);
      expect(down.body.status).toBe("down");
      expect(down.body.checks.database).toMatchObject({ status: "fail", error: "unavailable" });
      // Nothing about where the database lives, or the driver's own words.
      expect(down.text).not.toMatch(/127\.0\.0\.1|localhost|postgres|ECONNREFUSED|stack/i);

      await tcpProxy!.open();
      const back = await readiness();
      expect(back.status).toBe(200);
      expect(back.body.status).toBe("ok");
      expect(back.body.checks.database?.status).toBe("ok");
    },
  );

  it.skipIf(!bridge)("goes 503 when the configured Redis stops answering", async () => {
    expect((await readiness()).body.checks.redis?.status).toBe("ok");
    await bridge!.stop();
    bridge = null;
    const down = await readiness();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe("down");
    expect(down.body.checks.redis).toMatchObject({ status: "fail" });
    expect(down.body.checks.database?.status).toBe("ok");
    expect(down.text).not.toMatch(/127\.0\.0\.1|localhost|token/i);
  });
});

describe("readiness rules", () => {
  const up = () => Promise.resolve();
  const queue =
    (due = 0, oldestDueAgeMs = 0) =>
    () =>
      Promise.resolve({ due, oldestDueAgeMs, dead: 3 });

  it("is down when configured Redis fails, and says nothing about why", async () => {
    const result = await checkReadiness({
      probes: {
        database: up,
        redis: () => Promise.reject(new Error("connect ECONNREFUSED redis.internal:6379")),
        queue: queue(),
      },
    });
    expect(result.status).toBe("down");
    expect(result.checks.redis).toMatchObject({ status: "fail", error: "unavailable" });
    expect(JSON.stringify(result)).not.toContain("redis.internal");
  });

  it("times out a hanging dependency instead of hanging itself", async () => {
    const started = Date.now();
    const result = await checkReadiness({
      timeoutMs: 50,
      probes: { database: () => new Promise(() => {}), redis: up, queue: queue() },
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(result.status).toBe("down");
    expect(result.checks.database).toMatchObject({ status: "fail", error: "timeout" });
    expect(result.checks.redis.status).toBe("ok");
  });

  it("only warns (degraded, 200-worthy) when the queue lags or cannot be read", async () => {
    const lagging = await checkReadiness({
      probes: { database: up, redis: null, queue: queue(5, 10 * 60_000) },
    });
    expect(lagging.status).toBe("degraded");
    expect(lagging.checks.queue).toMatchObject({ status: "warn", due: 5, dead: 3 });

    const deep = await checkReadiness({
      probes: { database: up, redis: null, queue: queue(5_000, 0) },
    });
    expect(deep.checks.queue.status).toBe("warn");

    const unreadable = await checkReadiness({
      probes: { database: up, redis: null, queue: () => Promise.reject(new Error("boom")) },
    });
    expect(unreadable.status).toBe("degraded");
    expect(unreadable.checks.queue).toMatchObject({ status: "fail", error: "unavailable" });
  });
});
