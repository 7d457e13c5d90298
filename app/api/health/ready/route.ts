// GET /api/health/ready – readiness for uptime monitors and load balancers ("can this instance
// serve traffic"): database, Redis (when configured), queue lag and backups, checked in parallel
// with a timeout each. 503 only when the database is unreachable; 200 with "degraded" when Redis
// is down, the queue lags, or (backups configured) the newest backup is older than 7 hours. See
// docs/monitoring.md.
import { checkReadiness } from "@/lib/observability/check-readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, {
    status: readiness.status === "down" ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
}
