import type { Metadata } from "next";
import Link from "next/link";
import { BoardCard, BoardGrid } from "@/components/app/boards/board-card";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasPermission, ROLE_LABELS } from "@/lib/auth/permissions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { listBoards } from "@/lib/boards/list-boards";
import { getWorkspaceBySlug, listMembers } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "Workspace" };

/** How many member names the summary lists before "and N more". */
const MEMBER_PREVIEW = 5;

export default async function WorkspacePage({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const session = await requireSession(`/w/${slug}`);
  const principal = principalOf(session);
  const workspace = await getWorkspaceBySlug(principal, slug);
  const [boards, members] = await Promise.all([
    listBoards(principal, workspace.workspaceId),
    listMembers(principal, workspace.workspaceId),
  ]);
  const canCreate = hasPermission(workspace.role, "board:create");
  const canManage = hasPermission(workspace.role, "board:update");
  const shown = members.slice(0, MEMBER_PREVIEW).map((member) => member.name);
  const more = members.length - shown.length;

  return (
    <div className="grid gap-8">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{workspace.workspaceName}</h1>
        <Badge variant="secondary">Your role: {ROLE_LABELS[workspace.role]}</Badge>
        {workspace.personal ? <Badge variant="outline">Personal</Badge> : null}
      </div>

      <section aria-labelledby="boards-heading" className="grid gap-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="boards-heading" className="text-lg font-semibold">
            Boards
          </h2>
          {canCreate && boards.length > 0 ? (
            <Button asChild size="sm">
              <Link href={`/w/${slug}/boards/new`}>New board</Link>
            </Button>
          ) : null}
        </div>
        {boards.length > 0 ? (
          <BoardGrid>
            {boards.map((board) => (
              <BoardCard key={board.id} board={board} workspaceSlug={slug} canManage={canManage} />
            ))}
          </BoardGrid>
        ) : (
          <div className="grid justify-items-center gap-3 rounded-xl border border-dashed px-6 py-10 text-center">
            <p className="font-medium">No boards yet</p>
            <p className="max-w-md text-sm text-muted-foreground">
              A board is a public page where your customers post the problems they run into, vote on
              them and comment. Your team triages them here.
            </p>
            {canCreate ? (
              <Button asChild>
                <Link href={`/w/${slug}/boards/new`}>Create your first board</Link>
              </Button>
            ) : (
              <p className="text-sm text-muted-foreground">
                Ask an owner or admin of this workspace to create one.
              </p>
            )}
          </div>
        )}
      </section>

      <Card className="gap-3 py-4">
        <CardHeader className="px-4">
          <CardTitle>
            <h2>Members</h2>
          </CardTitle>
          <CardDescription>
            {members.length} {members.length === 1 ? "person" : "people"}: {shown.join(", ")}
            {more > 0 ? ` and ${more} more` : ""}.
          </CardDescription>
          <CardAction>
            <Button asChild variant="outline" size="sm">
              <Link href={`/w/${slug}/members`}>Manage members</Link>
            </Button>
          </CardAction>
        </CardHeader>
      </Card>
    </div>
  );
}
