// GET /api/health/ready – readiness for uptime monitors and load balancers: database, Redis (when
// configured), queue lag and backups, checked in parallel with a timeout each. 503 when a
// required dependency is down; 200 with "degraded" when only the queue lags. See docs/monitoring.md.
import { checkReadiness } from "@/lib/observability/check-readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, {
    status: readiness.status === "down" ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
}
