import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { problem } from "@/lib/http/problem";
import { drainJobs } from "@/lib/jobs/worker";

// /api/cron/jobs – drains the job queue and runs due schedules on serverless hosts, where no
// worker lives between requests (vercel.json calls it every minute). It runs the same code as the
// in-process worker; jobs are leased, so this and a worker never run one job at the same time.
// Vercel Cron sends GET with `Authorization: Bearer $CRON_SECRET`; POST is accepted for other
// schedulers. It changes nothing a visitor could trigger: without the secret it is a 401.
export const dynamic = "force-dynamic";
export const maxDuration = 60;

function authorized(request: Request): boolean {
  if (!env.CRON_SECRET) return false;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${env.CRON_SECRET}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function run(request: Request) {
  if (!env.CRON_SECRET) {
    return problem(503, "unavailable", "Set CRON_SECRET to enable cron routes.");
  }
  if (!authorized(request)) {
    return problem(401, "unauthorized", "A valid CRON_SECRET bearer token is required.");
  }
  const result = await drainJobs({ schedules: true, deadline: Date.now() + 45_000 });
  return Response.json(result, { headers: { "cache-control": "no-store" } });
}

export const GET = run;
export const POST = run;
