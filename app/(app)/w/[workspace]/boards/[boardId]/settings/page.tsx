import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArchiveBoardForm, DeleteBoardForm } from "@/components/app/boards/board-danger-forms";
import { EditBoardForm } from "@/components/app/boards/board-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasPermission } from "@/lib/auth/permissions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { findBoard } from "@/lib/boards/find-board";
import { isAppError } from "@/lib/errors";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "Board settings" };

export default async function BoardSettingsPage({
  params,
}: {
  params: Promise<{ workspace: string; boardId: string }>;
}) {
  const { workspace: slug, boardId } = await params;
  const session = await requireSession(`/w/${slug}/boards/${boardId}/settings`);
  const workspace = await getWorkspaceBySlug(principalOf(session), slug);
  if (!hasPermission(workspace.role, "board:update")) notFound();
  const board = await findBoard(workspace.workspaceId, boardId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const target = { workspaceId: workspace.workspaceId, boardId: board.id };

  return (
    <div className="mx-auto grid w-full max-w-2xl gap-8">
      <div className="grid gap-1">
        <Link
          href={`/w/${slug}/boards`}
          className="text-sm text-muted-foreground underline-offset-4 hover:underline"
        >
          ← Boards
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{board.name}: settings</h1>
          {board.archivedAt ? <Badge variant="outline">Archived</Badge> : null}
        </div>
        <Link
          href={`/b/${slug}/${board.slug}`}
          className="text-sm underline-offset-4 hover:underline"
        >
          Open public page
        </Link>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Details</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <EditBoardForm
            {...target}
            workspaceSlug={slug}
            board={{
              name: board.name,
              slug: board.slug,
              description: board.description,
              guidelines: board.guidelines,
              visibility: board.visibility,
              moderationMode: board.moderationMode,
            }}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{board.archivedAt ? "Restore" : "Archive"}</h2>
          </CardTitle>
          <CardDescription>
            {board.archivedAt
              ? "This board is archived: it is read-only and hidden from the overview. Restore it to take new problems again."
              : "Archiving makes the board read-only and hides it from the overview. Nothing is deleted, and you can restore it at any time."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ArchiveBoardForm {...target} archived={board.archivedAt !== null} />
        </CardContent>
      </Card>

      {hasPermission(workspace.role, "board:delete") ? (
        <Card className="border-destructive/40">
          <CardHeader>
            <CardTitle>
              <h2>Delete</h2>
            </CardTitle>
            <CardDescription>
              Deletes the board and every problem, vote and comment on it. This can&apos;t be
              undone.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteBoardForm {...target} workspaceSlug={slug} boardSlug={board.slug} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
