import { spawn } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs";

declare module "@/lib/jobs/types" {
  interface JobPayloads {
    "test.process": { index: number };
  }
}

// Two worker processes on one real PostgreSQL. Needs a database other processes can reach: the
// in-memory PGlite of a plain `npm test` can't be shared, so this skips loudly there and fails
// under REQUIRE_SERVICES=1 (CI).
const shared = process.env.DATABASE_EMBEDDED !== "1";
if (!shared) {
  if (process.env.REQUIRE_SERVICES === "1") {
    throw new Error("REQUIRE_SERVICES=1 but no PostgreSQL server: set DATABASE_URL.");
  }
  console.warn("SKIPPED: the two-process queue test needs DATABASE_URL (a PostgreSQL server)");
}

function runWorker(name: string): Promise<number | null> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join("tests/support/job-worker-process.ts"), name],
    { env: { ...process.env, JOBS_WORKER: "off" }, stdio: ["ignore", "inherit", "inherit"] },
  );
  return new Promise((resolve) => child.on("exit", resolve));
}

describe.skipIf(!shared)("two worker processes", () => {
  it("share the queue and never run one job twice", { timeout: 60_000 }, async () => {
    await db.execute(sql`create table test_job_runs (job_id text not null, worker text not null)`);
    const total = 200;
    for (let index = 0; index < total; index++) await enqueue("test.process", { index });

    const codes = await Promise.all([runWorker("one"), runWorker("two")]);
    expect(codes).toEqual([0, 0]);

    const rows = await db.execute<{ job_id: string; worker: string }>(
      sql`select job_id, worker from test_job_runs`,
    );
    const ids = rows.map((r) => r.job_id);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    const perWorker = { one: 0, two: 0 } as Record<string, number>;
    for (const row of rows) perWorker[row.worker] = (perWorker[row.worker] ?? 0) + 1;
    expect(perWorker.one).toBeGreaterThan(0);
    expect(perWorker.two).toBeGreaterThan(0);
    const [left] = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from jobs where status <> 'completed'`,
    );
    expect(left?.count).toBe(0);
  });
});
