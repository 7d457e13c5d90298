import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateBoardForm } from "@/components/app/boards/board-forms";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasPermission } from "@/lib/auth/permissions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "New board" };

export default async function NewBoardPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const session = await requireSession(`/w/${slug}/boards/new`);
  const workspace = await getWorkspaceBySlug(principalOf(session), slug);
  if (!hasPermission(workspace.role, "board:create")) notFound();

  return (
    <Card className="mx-auto w-full max-w-2xl">
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Create a board</h1>
        </CardTitle>
        <CardDescription>
          Your customers post the problems they run into on its public page, vote on them and
          comment. You can change all of this later.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <CreateBoardForm workspaceId={workspace.workspaceId} workspaceSlug={slug} />
      </CardContent>
    </Card>
  );
}
