import { Badge } from "@/components/ui/badge";
import type { Board } from "@/lib/db/schema";
import { UserMarkdown } from "./user-markdown";

/** A board's name, state, description and (collapsed) posting guidelines. */
export function BoardHeader({ board }: { board: Board }) {
  return (
    <header className="grid max-w-3xl gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">{board.name}</h1>
        {board.archivedAt ? <Badge variant="outline">Archived</Badge> : null}
        {board.visibility === "private" ? <Badge variant="outline">Private</Badge> : null}
      </div>
      {board.description ? (
        <p className="text-base text-muted-foreground">{board.description}</p>
      ) : null}
      {board.guidelines ? (
        <details className="rounded-lg border bg-muted/40 px-4 py-3">
          <summary className="cursor-pointer rounded-sm text-sm font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
            Posting guidelines
          </summary>
          <UserMarkdown source={board.guidelines} className="mt-3" />
        </details>
      ) : null}
    </header>
  );
}
