// GET /api/health – liveness: the process answers. No dependencies, so it is also the benchmark
// baseline every scenario is compared with.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
