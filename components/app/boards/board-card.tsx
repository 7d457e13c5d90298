import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import type { BoardWithCounts } from "@/lib/boards/list-boards";

/** One board on the dashboard: what it is, how busy it is, where to go next. */
export function BoardCard({
  board,
  workspaceSlug,
  canManage,
}: {
  board: BoardWithCounts;
  workspaceSlug: string;
  /** Whether to offer the settings link (the settings page checks again). */
  canManage: boolean;
}) {
  const counts = [
    { label: "Problems", value: board.problemCount },
    { label: "Open", value: board.openCount },
    { label: "Waiting for review", value: board.pendingCount },
  ];
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <h3 className="text-base">{board.name}</h3>
          <Badge variant={board.visibility === "public" ? "secondary" : "outline"}>
            {board.visibility === "public" ? "Public" : "Private"}
          </Badge>
          {board.archivedAt ? <Badge variant="outline">Archived</Badge> : null}
        </CardTitle>
        {board.description ? (
          <CardDescription className="line-clamp-2">{board.description}</CardDescription>
        ) : null}
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-3 gap-2 text-sm">
          {counts.map((count) => (
            <div key={count.label} className="grid gap-0.5">
              <dt className="text-muted-foreground">{count.label}</dt>
              <dd
                className={
                  count.label === "Waiting for review" && count.value > 0
                    ? "text-lg font-semibold text-primary"
                    : "text-lg font-semibold"
                }
              >
                {count.value}
              </dd>
            </div>
          ))}
        </dl>
      </CardContent>
      <CardFooter className="mt-auto flex-wrap gap-2">
        <Button asChild size="sm" variant="outline">
          <Link href={`/b/${workspaceSlug}/${board.slug}`}>
            Open public page<span className="sr-only"> of {board.name}</span>
          </Link>
        </Button>
        {canManage ? (
          <Button asChild size="sm" variant="ghost">
            <Link href={`/w/${workspaceSlug}/boards/${board.id}/settings`}>
              Settings<span className="sr-only"> for {board.name}</span>
            </Link>
          </Button>
        ) : null}
      </CardFooter>
    </Card>
  );
}

/** A responsive grid of board cards. */
export function BoardGrid({ children }: { children: React.ReactNode }) {
  return <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{children}</div>;
}
