// GET /api/workspaces/current – the signed-in user's active workspace and their role in it
import { headers } from "next/headers";
import { isRole } from "@/lib/auth/permissions";
import { verifiedSessionToken } from "@/lib/auth/read-session";
import { problem, problemResponse } from "@/lib/http/problem";
import { getCurrentWorkspace } from "@/lib/workspaces/get-current-workspace";
import { readCurrentWorkspace } from "@/lib/workspaces/read-current-workspace";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const token = verifiedSessionToken(await headers());
    const row = token ? await readCurrentWorkspace(token) : null;
    if (!row) return problem(401, "unauthorized", "Sign in to continue.");
    const workspace =
      row.workspaceId && row.workspaceSlug && row.workspaceName && isRole(row.memberRole)
        ? {
            workspaceId: row.workspaceId,
            workspaceSlug: row.workspaceSlug,
            workspaceName: row.workspaceName,
            personal: row.personal ?? false,
            role: row.memberRole,
            memberCount: row.memberCount,
          }
        : await getCurrentWorkspace({ userId: row.userId, platformRole: row.role }, null);
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
