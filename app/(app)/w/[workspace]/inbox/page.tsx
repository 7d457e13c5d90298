import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { RelativeTime } from "@/components/board/relative-time";
import { StatusBadge } from "@/components/board/status-badge";
import { principalOf, requireSession } from "@/lib/auth/session";
import { INBOX_VIEWS, listInbox, type InboxView } from "@/lib/problems/list-inbox";
import { cn } from "@/lib/utils";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "Inbox" };

const VIEWS: Record<InboxView, { label: string; description: string; empty: string }> = {
  new: {
    label: "New",
    description: "Problems posted in the last 7 days, newest first.",
    empty: "Nothing new this week. New problems from your boards show up here.",
  },
  unanswered: {
    label: "Unanswered",
    description: "Open problems nobody on your team has replied to or moved yet.",
    empty: "Every open problem has an answer from your team. Nice work.",
  },
  trending: {
    label: "Trending",
    description: "Unresolved problems gaining votes fastest right now.",
    empty: "Nothing is trending. Problems gaining votes quickly show up here.",
  },
};

/** An unknown or missing `?view=` opens the New tab. */
const viewParam = z.enum(INBOX_VIEWS).catch("new");

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export default async function InboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug } = await params;
  const view = viewParam.parse((await searchParams).view);
  const session = await requireSession(`/w/${slug}/inbox?view=${view}`);
  const principal = principalOf(session);
  const workspace = await getWorkspaceBySlug(principal, slug);
  const problems = await listInbox(principal, workspace.workspaceId, view);

  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Inbox</h1>

      <nav aria-label="Inbox views">
        <ul className="flex gap-1 rounded-lg bg-muted p-1 text-sm sm:w-fit">
          {INBOX_VIEWS.map((name) => (
            <li key={name} className="flex-1">
              <Link
                href={`/w/${slug}/inbox?view=${name}`}
                aria-current={name === view ? "page" : undefined}
                className={cn(
                  "block rounded-md px-3 py-1.5 text-center outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  name === view
                    ? "bg-background font-medium shadow-xs"
                    : "text-muted-foreground hover:text-foreground",
                )}
              >
                {VIEWS[name].label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="inbox-view" className="grid gap-3">
        <div className="grid gap-1">
          <h2 id="inbox-view" className="text-lg font-semibold">
            {VIEWS[view].label}
          </h2>
          <p className="text-sm text-muted-foreground">{VIEWS[view].description}</p>
        </div>
        {problems.length === 0 ? (
          <p className="rounded-xl border border-dashed px-6 py-10 text-center text-sm text-muted-foreground">
            {VIEWS[view].empty}
          </p>
        ) : (
          <ul className="divide-y rounded-xl border">
            {problems.map((problem) => (
              <li key={problem.id} className="grid gap-1.5 px-4 py-3">
                <Link
                  href={`/b/${slug}/${problem.boardSlug}/p/${problem.id}`}
                  className="font-medium underline-offset-4 hover:underline"
                >
                  {problem.title}
                </Link>
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
                  <StatusBadge status={problem.status} />
                  <span>{problem.boardName}</span>
                  <span>{plural(problem.voteCount, "vote", "votes")}</span>
                  <span>{plural(problem.commentCount, "comment", "comments")}</span>
                  <span>
                    Posted <RelativeTime date={problem.createdAt} />
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
