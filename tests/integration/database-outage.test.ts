// PostgreSQL going away and coming back, as the app sees it: the app's connection goes through a
// TCP proxy started here, which the tests cut (stopped database), freeze (hung database) and
// restore. Works on the embedded PGlite socket server as on PostgreSQL. App modules are imported
// only after DATABASE_URL points at the proxy (lib/env reads it once).
import { afterAll, describe, expect, it } from "vitest";
import { startTcpProxy } from "../support/tcp-proxy";

const databaseUrl = new URL(process.env.DATABASE_URL!);
const tcpProxy = await startTcpProxy({
  host: databaseUrl.hostname,
  port: Number(databaseUrl.port || 5432),
});
process.env.DATABASE_URL = tcpProxy.via(databaseUrl.toString());

const { createLogger } = await import("@/lib/observability/logger");
const { closeDatabase } = await import("@/lib/db");
const { startWorker } = await import("@/lib/jobs/worker");

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

describe("the job worker during an outage", () => {
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
