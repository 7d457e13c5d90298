// Liveness and readiness. The app's database connection (and the readiness probe's) goes through
// a TCP proxy started here, which the outage tests cut (the database "goes away"), freeze (it
// stops answering) and restore: readiness must go 503 within its 2 s timeout and come back to 200
// in the same process, without a restart. This works on the embedded PGlite socket server as on
// PostgreSQL. With REDIS_URL, the app's Redis is configured (through the Upstash bridge) and
// checked as well. App modules are imported only after the environment points at both (lib/env
// reads it once).
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { requireRedisUrl, startTestBridge, type TestBridge } from "../support/redis";
import { startTcpProxy } from "../support/tcp-proxy";

/** The overload test needs real PostgreSQL: PGlite runs one statement at a time for everyone. */
function onPostgres(): boolean {
  if (process.env.DATABASE_EMBEDDED !== "1") return true;
  if (process.env.REQUIRE_SERVICES === "1") {
    throw new Error("REQUIRE_SERVICES=1 but the readiness tests run on PGlite: set DATABASE_URL.");
  }
  console.warn(
    "SKIPPED: the readiness-under-overload test needs PostgreSQL (DATABASE_URL); PGlite serves " +
      "one statement at a time, so a busy pool blocks every connection there.",
  );
  return false;
}

const originalEnv = { ...process.env };
const postgresServer = onPostgres();
const databaseUrl = new URL(process.env.DATABASE_URL!);
const tcpProxy = await startTcpProxy({
  host: databaseUrl.hostname,
  port: Number(databaseUrl.port || 5432),
});
process.env.DATABASE_URL = tcpProxy.via(databaseUrl.toString());
let bridge: TestBridge | null = null;
if (requireRedisUrl()) {
  bridge = await startTestBridge();
  process.env.UPSTASH_REDIS_REST_URL = bridge.url;
  process.env.UPSTASH_REDIS_REST_TOKEN = bridge.token;
}

const { GET: live } = await import("@/app/api/health/route");
const { GET: ready } = await import("@/app/api/health/ready/route");
const { checkReadiness } = await import("@/lib/observability/check-readiness");
const { closeDatabase, db } = await import("@/lib/db");
const { closeProbe } = await import("@/lib/db/probe");

afterAll(async () => {
  await closeProbe();
  await closeDatabase();
  await tcpProxy.close();
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

  it("goes 503 within its timeout while PostgreSQL is down, and recovers without a restart", async () => {
    expect((await readiness()).status).toBe(200);

    await tcpProxy.cut();
    const started = performance.now();
    const down = await readiness();
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe("down");
    expect(down.body.checks.database).toMatchObject({ status: "fail", error: "unavailable" });
    // Nothing about where the database lives, or the driver's own words.
    expect(down.text).not.toMatch(/127\.0\.0\.1|localhost|postgres|ECONNREFUSED|stack/i);

    await tcpProxy.restore();
    const back = await readiness();
    expect(back.status).toBe(200);
    expect(back.body.status).toBe("ok");
    expect(back.body.checks.database?.status).toBe("ok");
  });

  it("goes 503 within its timeout while PostgreSQL is frozen, and recovers when it thaws", async () => {
    expect((await readiness()).status).toBe(200);

    tcpProxy.freeze();
    try {
      for (let i = 0; i < 2; i++) {
        const started = performance.now();
        const frozen = await readiness();
        expect(performance.now() - started).toBeLessThan(2_500);
        expect(frozen.status).toBe(503);
        expect(frozen.body.checks.database).toMatchObject({ status: "fail", error: "timeout" });
      }
    } finally {
      await tcpProxy.restore();
    }
    const back = await readiness();
    expect(back.status).toBe(200);
    expect(back.body.checks.database?.status).toBe("ok");
  }, 15_000);

  it.skipIf(!postgresServer)(
    "says a healthy database is up while every pooled connection is busy",
    async () => {
      // Ten slow statements hold the app's whole pool (10 connections) for 1.5 s (within the
      // app's 2 s statement limit).
      const busy = Promise.all(
        Array.from({ length: 10 }, () => db.execute(sql`select pg_sleep(1.5)`)),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { status, body } = await readiness();
      expect(body.checks.database).toMatchObject({ status: "ok" });
      expect(body.checks.database!.latencyMs).toBeLessThan(1_000);
      // The queue read waits for the pool: at worst the instance is "degraded", never "down".
      expect(status).toBe(200);
      await busy;
    },
  );

  it.skipIf(!bridge)("stays 200, degraded, when the configured Redis stops answering", async () => {
    expect((await readiness()).body.checks.redis?.status).toBe("ok");
    await bridge!.stop();
    bridge = null;
    const degraded = await readiness();
    expect(degraded.status).toBe(200);
    expect(degraded.body.status).toBe("degraded");
    expect(degraded.body.checks.redis).toMatchObject({ status: "fail" });
    expect(degraded.body.checks.database?.status).toBe("ok");
    expect(degraded.text).not.toMatch(/127\.0\.0\.1|localhost|token/i);
  });
});

describe("readiness rules", () => {
  const up = () => Promise.resolve();
  const queue =
    (due = 0, oldestDueAgeMs = 0) =>
    () =>
      Promise.resolve({ due, oldestDueAgeMs, dead: 3 });

  it("is degraded, not down, when configured Redis fails, and says nothing about why", async () => {
    const result = await checkReadiness({
      probes: {
        database: up,
        redis: () => Promise.reject(new Error("connect ECONNREFUSED redis.internal:6379")),
        queue: queue(),
      },
    });
    expect(result.status).toBe("degraded");
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
