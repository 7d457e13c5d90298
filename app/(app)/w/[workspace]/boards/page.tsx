import type { Metadata } from "next";
import Link from "next/link";
import { BoardCard, BoardGrid } from "@/components/app/boards/board-card";
import { CapacityNotice, hasRoom } from "@/components/billing/capacity-notice";
import { Button } from "@/components/ui/button";
import { hasPermission } from "@/lib/auth/permissions";
import { principalOf, requireSession } from "@/lib/auth/session";
import { getCapacity } from "@/lib/billing/get-capacity";
import { listBoards } from "@/lib/boards/list-boards";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "Boards" };

export default async function BoardsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const session = await requireSession(`/w/${slug}/boards`);
  const principal = principalOf(session);
  const workspace = await getWorkspaceBySlug(principal, slug);
  const boards = await listBoards(principal, workspace.workspaceId, { includeArchived: true });
  const canCreate = hasPermission(workspace.role, "board:create");
  const capacity = canCreate ? await getCapacity(principal, workspace.workspaceId, "boards") : null;
  const canManage = hasPermission(workspace.role, "board:update");
  const active = boards.filter((board) => !board.archivedAt);
  const archived = boards.filter((board) => board.archivedAt);

  return (
    <div className="grid gap-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Boards</h1>
        {capacity && hasRoom(capacity) ? (
          <Button asChild>
            <Link href={`/w/${slug}/boards/new`}>New board</Link>
          </Button>
        ) : null}
      </div>
      {capacity ? (
        <CapacityNotice
          capacity={capacity}
          one="board"
          many="boards"
          billingHref={`/w/${slug}/billing`}
          className="-mt-4"
        />
      ) : null}

      <section aria-labelledby="active-boards" className="grid gap-4">
        <h2 id="active-boards" className="text-lg font-semibold">
          Active
        </h2>
        {active.length > 0 ? (
          <BoardGrid>
            {active.map((board) => (
              <BoardCard key={board.id} board={board} workspaceSlug={slug} canManage={canManage} />
            ))}
          </BoardGrid>
        ) : (
          <p className="text-sm text-muted-foreground">
            {canCreate
              ? "No active boards. Create one to start collecting problems."
              : "No active boards. Ask an owner or admin to create one."}
          </p>
        )}
      </section>

      {archived.length > 0 ? (
        <section aria-labelledby="archived-boards" className="grid gap-4">
          <div className="grid gap-1">
            <h2 id="archived-boards" className="text-lg font-semibold">
              Archived
            </h2>
            <p className="text-sm text-muted-foreground">
              Read-only and hidden from the overview. Restore one from its settings.
            </p>
          </div>
          <BoardGrid>
            {archived.map((board) => (
              <BoardCard key={board.id} board={board} workspaceSlug={slug} canManage={canManage} />
            ))}
          </BoardGrid>
        </section>
      ) : null}
    </div>
  );
}
