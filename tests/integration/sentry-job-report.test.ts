import * as Sentry from "@sentry/nextjs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { jobs } from "@/lib/db/schema";
import { enqueue } from "@/lib/jobs";
import { defineJob } from "@/lib/jobs/registry";
import { PermanentJobError } from "@/lib/jobs/types";
import { drainJobs } from "@/lib/jobs/worker";
import { sentryOptions } from "@/lib/observability/sentry-options";
import { startSentryStandIn, type SentryStandIn } from "@/scripts/lib/sentry-stand-in";

// A job that gives up reaches Sentry once, grouped by job name, with the request id of the request
// that queued it; a job that fails and will be retried does not.

declare module "@/lib/jobs/types" {
  interface JobPayloads {
    "test.sentry": { fail: "permanent" | "retry"; secret?: string };
  }
}

defineJob("test.sentry", async ({ fail }) => {
  if (fail === "permanent") {
    throw new PermanentJobError("the mail provider refused https://x.example/?token=tok_secret");
  }
  throw new Error("temporary outage");
});

let standIn: SentryStandIn;

interface ErrorEvent {
  message?: string;
  tags?: Record<string, string>;
  fingerprint?: string[];
  exception?: { values?: { type?: string; value?: string }[] };
}

function events(): ErrorEvent[] {
  return standIn.envelopes.flatMap((envelope) =>
    envelope.items.filter((i) => i.header.type === "event").map((i) => i.payload as ErrorEvent),
  );
}

beforeAll(async () => {
  standIn = await startSentryStandIn();
  Sentry.init({
    ...sentryOptions({ dsn: standIn.dsn, environment: "test", tracesSampleRate: 0 }),
    defaultIntegrations: false,
  });
});

afterAll(async () => {
  await Sentry.close(2_000);
  await standIn.close();
});

beforeEach(async () => {
  standIn.envelopes.length = 0;
  await db.delete(jobs).where(sql`true`);
});

describe("job give-ups in Sentry", () => {
  it("reports a dead job once, tagged and grouped by name, without the token", async () => {
    const requestId = "6f0c3f9e-3b1e-4f5e-9a57-2f0b1d1f9c2e";
    const id = await enqueue("test.sentry", { fail: "permanent" }, { requestId });
    expect(await drainJobs()).toMatchObject({ dead: 1 });
    await Sentry.flush(2_000);

    const reported = events();
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({
      tags: { job: "test.sentry", job_id: id, request_id: requestId },
      fingerprint: ["job-gave-up", "test.sentry"],
    });
    expect(reported[0]!.exception?.values?.[0]?.type).toBe("JobGaveUpError");
    expect(reported[0]!.exception?.values?.[0]?.value).toContain("gave up after 1 attempt(s)");
    expect(standIn.envelopes.map((e) => e.raw).join("")).not.toContain("tok_secret");
  });

  it("does not report a failure that will be retried", async () => {
    await enqueue("test.sentry", { fail: "retry" });
    expect(await drainJobs()).toMatchObject({ retried: 1, dead: 0 });
    await Sentry.flush(2_000);
    expect(events()).toEqual([]);
  });
});
