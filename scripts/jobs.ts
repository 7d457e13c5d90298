// npm run jobs -- <command> – look at and act on the job queue of DATABASE_URL (or the embedded
// database of a running `npm run dev`).
//
//   status          due, running and dead counts, and the age of the oldest due job
//   pending         pending and running jobs, oldest first
//   dead            jobs that gave up, with their last error
//   retry <job id>  give a dead job a fresh set of attempts
//   drain           run every due job now, in this process, then exit (--local-outbox to
//                   allow it without RESEND_API_KEY)
import { openScriptDatabase } from "./lib/database-url";

const USAGE = "usage: npm run jobs -- status | pending | dead | retry <job id> | drain";
const [command, argument] = process.argv.slice(2);
if (!command || !["status", "pending", "dead", "retry", "drain"].includes(command)) {
  console.error(USAGE);
  process.exit(2);
}
if (command === "retry" && !argument?.startsWith("job_")) {
  console.error(`retry needs a job id (job_…).\n${USAGE}`);
  process.exit(2);
}

// Without Resend configured, the email job "delivers" to the local outbox and marks mail sent:
// against a real database that would swallow queued mail, so drain asks to be told it's fine.
if (
  command === "drain" &&
  !process.env.RESEND_API_KEY &&
  !process.argv.includes("--local-outbox")
) {
  console.error(
    "RESEND_API_KEY is not set: draining would deliver queued email to the local outbox only " +
      "(and mark it sent). Set RESEND_API_KEY, or pass --local-outbox if that is what you want.",
  );
  process.exit(2);
}

const database = await openScriptDatabase();
process.env.DATABASE_URL = database.url;
process.env.DATABASE_EMBEDDED = database.embedded ? "1" : "0";
const admin = await import("@/lib/jobs/admin");
const { closeDatabase } = await import("@/lib/db");

try {
  if (command === "status") {
    console.table([await admin.queueStats()]);
  } else if (command === "pending") {
    console.table(await admin.listPendingJobs(100));
  } else if (command === "dead") {
    const dead = await admin.listDeadJobs(100);
    if (dead.length === 0) console.log("No dead jobs.");
    for (const job of dead) {
      console.log(
        `${job.id}  ${job.name}  ${job.attempts} attempts  ${job.updatedAt.toISOString()}`,
      );
      console.log(`  payload: ${JSON.stringify(job.payload)}`);
      console.log(`  last error: ${job.lastError ?? "(none)"}`);
    }
  } else if (command === "retry") {
    const ok = await admin.retryDeadJob(argument!);
    console.log(ok ? `${argument} will run again now.` : `${argument} is not a dead job.`);
    if (!ok) process.exitCode = 1;
  } else {
    const { drainJobs } = await import("@/lib/jobs/worker");
    console.log(await drainJobs({ schedules: true }));
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  console.error(
    `${message} ${cause}`.includes('relation "jobs" does not exist')
      ? "This database has no job queue yet: run `npm run db:migrate` (or `npm run dev`) first."
      : message,
  );
  process.exitCode = 1;
} finally {
  await closeDatabase();
  await database.release();
}
