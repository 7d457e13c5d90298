// GET /api/workspaces/current – the signed-in user's active workspace and their role in it
import { headers } from "next/headers";
import { readSession } from "@/lib/auth/read-session";
import { problem, problemResponse } from "@/lib/http/problem";
import { getCurrentWorkspace } from "@/lib/workspaces/get-current-workspace";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const session = await readSession(await headers());
    if (!session) return problem(401, "unauthorized", "Sign in to continue.");
    const workspace = await getCurrentWorkspace(
      { userId: session.user.id, platformRole: session.user.role },
      session.activeWorkspaceId,
    );
    return Response.json(
      {
        id: workspace.workspaceId,
        slug: workspace.workspaceSlug,
        name: workspace.workspaceName,
        personal: workspace.personal,
        role: workspace.role,
        memberCount: workspace.memberCount,
      },
      { headers: { "cache-control": "private, no-store" } },
    );
  } catch (error) {
    return problemResponse(error, "/api/workspaces/current");
  }
}
