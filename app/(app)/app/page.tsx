import { redirect } from "next/navigation";
import { principalOf, requireSession } from "@/lib/auth/session";
import { getCurrentWorkspace } from "@/lib/workspaces/get-current-workspace";

// /app – open the workspace this session last used.
export default async function AppHome() {
  const session = await requireSession("/app");
  const workspace = await getCurrentWorkspace(
    principalOf(session),
    session.session.activeOrganizationId,
  );
  redirect(`/w/${workspace.workspaceSlug}`);
}
