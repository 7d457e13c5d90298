// A separate worker process for the queue's concurrency test (tests/integration/jobs-processes):
// it runs "test.process" jobs from the database in DATABASE_URL until none is left, recording
// each run in test_job_runs with its own name.
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { closeDatabase, db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/registry";
import { drainJobs } from "@/lib/jobs/worker";

declare module "@/lib/jobs/types" {
  interface JobPayloads {
    "test.process": { index: number };
  }
}

const name = process.argv[2] ?? `worker-${process.pid}`;

defineJob("test.process", async (_payload, { job }) => {
  await db.execute(sql`insert into test_job_runs (job_id, worker) values (${job.id}, ${name})`);
  await sleep(5);
});

let idleRounds = 0;
while (idleRounds < 3) {
  const result = await drainJobs({ workerId: name, concurrency: 4 });
  idleRounds = result.completed + result.retried + result.dead === 0 ? idleRounds + 1 : 0;
  await sleep(100);
}
await closeDatabase();
