import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { CreateBoardForm } from "@/components/app/boards/board-forms";
import { CapacityNotice, hasRoom } from "@/components/billing/capacity-notice";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasPermission } from "@/lib/auth/permissions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { getCapacity } from "@/lib/billing/get-capacity";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "New board" };

export default async function NewBoardPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const session = await requireSession(`/w/${slug}/boards/new`);
  const principal = principalOf(session);
  const workspace = await getWorkspaceBySlug(principal, slug);
  if (!hasPermission(workspace.role, "board:create")) notFound();
  // The plan's board limit comes first: at the limit there is no form to fill in vain.
  const capacity = await getCapacity(principal, workspace.workspaceId, "boards");
  const room = hasRoom(capacity);

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
      <CardContent className="grid gap-6">
        <CapacityNotice
          capacity={capacity}
          one="board"
          many="boards"
          billingHref={`/w/${slug}/billing`}
        />
        {room ? (
          <CreateBoardForm workspaceId={workspace.workspaceId} workspaceSlug={slug} />
        ) : (
          <Link
            href={`/w/${slug}/boards`}
            className="text-sm text-muted-foreground underline underline-offset-4"
          >
            Back to your boards
          </Link>
        )}
      </CardContent>
    </Card>
  );
}
