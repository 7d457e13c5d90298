// PostgreSQL going away and coming back, as the app sees it: the app's connection goes through a
// TCP proxy started here, which the tests cut (stopped database), freeze (hung database) and
// restore. PostgreSQL only: on the embedded PGlite the whole process shares one connection, which
// a cut in the middle of a transaction can leave stuck, and its client has no 2 s deadline (see
// DATABASE_TIMEOUTS). App modules are imported only after DATABASE_URL points at the proxy
// (lib/env reads it once).
import { afterAll, describe, expect, it } from "vitest";
import { startTcpProxy } from "../support/tcp-proxy";

function onPostgres(): boolean {
  if (process.env.DATABASE_EMBEDDED !== "1") return true;
  if (process.env.REQUIRE_SERVICES === "1") {
    throw new Error("REQUIRE_SERVICES=1 but the database outage tests run on PGlite.");
  }
  console.warn(
    "SKIPPED: the database outage tests need PostgreSQL (DATABASE_URL, e.g. " +
      "postgres://postgres@127.0.0.1:5432/postgres).",
  );
  return false;
}
const postgresServer = onPostgres();

const databaseUrl = new URL(process.env.DATABASE_URL!);
const tcpProxy = await startTcpProxy({
  host: databaseUrl.hostname,
  port: Number(databaseUrl.port || 5432),
});
process.env.DATABASE_URL = tcpProxy.via(databaseUrl.toString());

const { createLogger } = await import("@/lib/observability/logger");
const { closeDatabase } = await import("@/lib/db");
const { startWorker } = await import("@/lib/jobs/worker");
const { GET: listRoute } =
  await import("@/app/api/public/boards/[workspace]/[board]/problems/route");
const { createBoardRow, createProblemRow, createTeam } = await import("../support/factories");
const { loadPublicBoardPage } = await import("@/lib/boards/public-board-page");
const { invalidateWorkspace, invalidateBoards } = await import("@/lib/cache/tags");
const { isDatabaseUnavailable } = await import("@/lib/db/errors");
const { signIn } = await import("../support/auth-client");

afterAll(async () => {
  await closeDatabase();
  await tcpProxy.close();
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    "info",
  );
  return { logger, lines };
}

describe.skipIf(!postgresServer)("the job worker during an outage", () => {
  it("logs that the database went down and came back, not every failed poll", async () => {
    const { logger, lines } = captureLogs();
    const worker = startWorker({ pollMs: 50, logger });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tcpProxy.cut();
      // 3 s of polling every 50 ms: dozens of failed rounds.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await tcpProxy.restore();
      await waitFor(() => lines.some((l) => l.msg === "Job worker: recovered"), 10_000);
    } finally {
      await tcpProxy.restore();
      await worker.stop({ graceMs: 0 });
    }
    const messages = lines.map((l) => l.msg);
    expect(messages.filter((m) => m === "Job worker: down")).toHaveLength(1);
    expect(messages.filter((m) => m === "Job worker: recovered")).toHaveLength(1);
    expect(lines.length).toBeLessThanOrEqual(3);
  }, 30_000);
});

const team = await createTeam();
const board = await createBoardRow(team.workspace.id);
await createProblemRow(board, team.owner.id, { title: "Exports time out" });

let requestNumber = 0;
/** A database read through a real route handler (a new search each time: never cached). */
async function listRequest(): Promise<{ status: number; ms: number; response: Response }> {
  const { slug } = team.workspace;
  const url = `http://localhost:3000/api/public/boards/${slug}/${board.slug}/problems?q=x${++requestNumber}`;
  const started = performance.now();
  const response = await listRoute(new Request(url), {
    params: Promise.resolve({ workspace: slug, board: board.slug }),
  });
  return { status: response.status, ms: performance.now() - started, response };
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
}

/** Requests (`concurrency` at a time) for `forMs`; every one must fail as a clean 503. */
async function duringOutage(forMs: number, concurrency = 4) {
  const latencies: number[] = [];
  const until = performance.now() + forMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const { status, ms, response } = await listRequest();
        expect(status).toBe(503);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        expect(response.headers.get("retry-after")).toBe("5");
        const body = (await response.json()) as Record<string, unknown>;
        expect(body).toMatchObject({ status: 503, code: "unavailable" });
        expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|stack/i);
        latencies.push(ms);
      }
    }),
  );
  return { count: latencies.length, p99: p99(latencies), max: Math.max(...latencies) };
}

/** Time from the database's return to the first request that succeeds. */
async function timeToFirstSuccess(): Promise<number> {
  const started = performance.now();
  for (;;) {
    if ((await listRequest()).status === 200) return performance.now() - started;
    if (performance.now() - started > 10_000) throw new Error("no success within 10 s");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!postgresServer)("requests during a database outage", () => {
  it("fail fast with 503 and Retry-After while PostgreSQL is stopped, and recover at once", async () => {
    expect((await listRequest()).status).toBe(200);
    await tcpProxy.cut();
    let outage;
    try {
      outage = await duringOutage(5_000);
    } finally {
      await tcpProxy.restore();
    }
    const recoveryMs = await timeToFirstSuccess();
    console.info(
      `stopped: ${outage.count} failing requests, p99 ${Math.round(outage.p99)} ms, ` +
        `max ${Math.round(outage.max)} ms; first success ${Math.round(recoveryMs)} ms after return`,
    );
    expect(outage.p99).toBeLessThan(2_500);
    expect(recoveryMs).toBeLessThan(3_000);
  }, 30_000);

  it("include sign-in: 503 with Retry-After, not Better Auth's bare 500", async () => {
    await tcpProxy.cut();
    try {
      const started = performance.now();
      const response = await signIn(team.owner.email, "any-password-at-all");
      expect(performance.now() - started).toBeLessThan(2_500);
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.headers.get("retry-after")).toBe("5");
      expect(response.body).toMatchObject({ code: "unavailable" });
    } finally {
      await tcpProxy.restore();
    }
    expect((await signIn(team.owner.email, "any-password-at-all")).status).toBe(401);
  }, 20_000);

  it("fail within about 2 s while PostgreSQL is frozen, and recover when it thaws", async () => {
    expect((await listRequest()).status).toBe(200);
    tcpProxy.freeze();
    let outage;
    try {
      outage = await duringOutage(6_000);
    } finally {
      await tcpProxy.restore();
    }
    const recoveryMs = await timeToFirstSuccess();
    console.info(
      `frozen: ${outage.count} failing requests, p99 ${Math.round(outage.p99)} ms, ` +
        `max ${Math.round(outage.max)} ms; first success ${Math.round(recoveryMs)} ms after thaw`,
    );
    expect(outage.count).toBeGreaterThan(4);
    expect(outage.p99).toBeLessThan(2_500);
    expect(recoveryMs).toBeLessThan(3_000);
  }, 30_000);
});

describe.skipIf(!postgresServer)("the cached board page during an outage", () => {
  it("renders the board's last good copy while the database is away (stale-if-error)", async () => {
    const { slug } = team.workspace;
    const live = await loadPublicBoardPage(slug, board.slug);
    expect(live.stale).toBe(false);
    // A vote (any write) revalidates the page; its next render needs the database.
    await invalidateBoards(board.id);

    await tcpProxy.cut();
    try {
      const started = performance.now();
      const stale = await loadPublicBoardPage(slug, board.slug);
      expect(performance.now() - started).toBeLessThan(2_500);
      expect(stale.stale).toBe(true);
      expect(stale.data.page.items.map((p) => p.title)).toEqual(
        live.data.page.items.map((p) => p.title),
      );
      expect(stale.data.loaded.board.createdAt).toBeInstanceOf(Date);
      expect(stale.data.page.items[0]!.createdAt).toBeInstanceOf(Date);
    } finally {
      await tcpProxy.restore();
    }
  }, 20_000);

  it("never serves a copy of content moderation has hidden since", async () => {
    const { slug } = team.workspace;
    expect((await loadPublicBoardPage(slug, board.slug)).stale).toBe(false);
    await invalidateWorkspace(team.workspace.id); // a spam cascade, a ban, a hidden report
    await tcpProxy.cut();
    try {
      const error = await loadPublicBoardPage(slug, board.slug).catch((e: unknown) => e);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await tcpProxy.restore();
    }
  }, 20_000);
});
