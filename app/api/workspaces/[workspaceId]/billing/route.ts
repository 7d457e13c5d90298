// GET /api/workspaces/{workspaceId}/billing – the workspace's plan and subscription status (members only)
import { readSession } from "@/lib/auth/read-session";
import { getBillingStatus } from "@/lib/billing/get-billing-status";
import { problem, problemResponse } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ workspaceId: string }> },
) {
  const { workspaceId } = await params;
  const instance = `/api/workspaces/${workspaceId}/billing`;
  try {
    const user = (await readSession(request.headers))?.user;
    if (!user) return problem(401, "unauthorized", "Sign in to continue.", instance);
    const status = await getBillingStatus(
      { userId: user.id, platformRole: user.role },
      workspaceId,
    );
    return Response.json(status, { headers: { "cache-control": "private, no-store" } });
  } catch (error) {
    return problemResponse(error, instance);
  }
}
