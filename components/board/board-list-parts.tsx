import Link from "next/link";
import { Button } from "@/components/ui/button";

/** What an empty list means: nothing posted yet, nothing found, or nothing in that status. */
export function EmptyList({
  q,
  statusLabel,
  later,
  clearHref,
}: {
  q?: string;
  /** The status filtered on, if one is. */
  statusLabel: string | null;
  /** A later page came back empty (the pager links back to the first). */
  later: boolean;
  clearHref: string;
}) {
  const title = q
    ? `Nothing matches “${q}”`
    : later
      ? "No more problems"
      : statusLabel
        ? `No problems are “${statusLabel}” right now`
        : "No problems yet — be the first to post one";
  return (
    <div className="grid justify-items-center gap-2 rounded-lg border border-dashed px-6 py-12 text-center">
      <p className="font-medium">{title}</p>
      <p className="text-sm text-muted-foreground">
        {q || statusLabel ? (
          <Link href={clearHref} className="underline underline-offset-4">
            Clear search and filters
          </Link>
        ) : later ? null : (
          "Describe something that gets in your way; others can vote on it."
        )}
      </p>
    </div>
  );
}

/** "Load more" (the next cursor page) and the way back to the first page; plain links. */
export function Pager({
  firstHref,
  nextHref,
}: {
  firstHref: string | null;
  nextHref: string | null;
}) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-4">
      {firstHref ? (
        <Link
          href={firstHref}
          className="rounded-sm text-sm text-muted-foreground underline-offset-4 outline-none hover:text-foreground hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          ← Back to the first page
        </Link>
      ) : (
        <span />
      )}
      {nextHref ? (
        <Button asChild variant="outline">
          <Link href={nextHref} rel="next">
            Load more
          </Link>
        </Button>
      ) : null}
    </nav>
  );
}
