// GET /admin/revenue/export – the revenue dashboard's twelve months as CSV (platform admins;
// a 404 for everyone else, like every /admin page)
import { getRevenueReport } from "@/lib/admin/revenue/get-revenue-report";
import { revenueCsv } from "@/lib/admin/revenue/revenue-tables";
import { requireAdmin } from "../../admin-session";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const { admin } = await requireAdmin();
  const report = await getRevenueReport(admin);
  const day = report.asOf.toISOString().slice(0, 10);
  return new Response(revenueCsv(report), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="problemboard-revenue-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
