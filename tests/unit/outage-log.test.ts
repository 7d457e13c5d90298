import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";
import { createOutageLog } from "@/lib/observability/outage-log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    "info",
  );
  return { logger, lines };
}

describe("outage logging", () => {
  it("logs going down, still down once a minute, and recovery, not every failure", () => {
    const { logger, lines } = capture();
    let at = 0;
    const outage = createOutageLog("Job worker", { logger, nowMs: () => at });
    const error = new Error("connect ECONNREFUSED 127.0.0.1:5432");

    // A worker polling every second through a 150 s outage.
    for (at = 0; at <= 150_000; at += 1_000) outage.failed(error);
    expect(outage.down).toBe(true);
    outage.ok();
    outage.ok();

    expect(lines.map((l) => l.msg)).toEqual([
      "Job worker: down",
      "Job worker: still down",
      "Job worker: still down",
      "Job worker: recovered",
    ]);
    // The first line carries the whole cause; the reminders are short.
    expect(lines[0]).toMatchObject({ level: "error", dependency: "Job worker" });
    expect((lines[0]!.err as Record<string, unknown>).message).toContain("ECONNREFUSED");
    expect(lines[1]).toMatchObject({
      level: "error",
      downForMs: 60_000,
      failures: 61,
      failuresSinceLastLog: 60,
      error: "Error: connect ECONNREFUSED 127.0.0.1:5432",
    });
    expect(JSON.stringify(lines[1]).length).toBeLessThan(500);
    expect(lines[3]).toMatchObject({ level: "info", downForMs: 151_000, failures: 151 });
    expect(outage.down).toBe(false);

    // A new outage is news again.
    outage.failed(error);
    expect(lines.at(-1)).toMatchObject({ msg: "Job worker: down" });
  });

  it("says nothing while the dependency works", () => {
    const { logger, lines } = capture();
    const outage = createOutageLog("Readiness check redis", { logger });
    for (let i = 0; i < 10; i++) outage.ok();
    expect(lines).toEqual([]);
  });
});
