import Link from "next/link";
import { MessageSquare } from "lucide-react";
import type { ProblemListItem as Item } from "@/lib/problems/list-problems";
import { RelativeTime } from "./relative-time";
import { StatusBadge } from "./status-badge";
import { VoteButton } from "./vote-button";

interface ProblemListItemProps {
  problem: Item;
  /** `/b/{workspace}/{board}` */
  boardPath: string;
  /** The current list URL, to come back to after voting or signing in. */
  returnTo: string;
  signedIn: boolean;
  canVote: boolean;
}

/** One row of a board: vote, title, status, excerpt and who posted it when. */
export function ProblemListItem({
  problem,
  boardPath,
  returnTo,
  signedIn,
  canVote,
}: ProblemListItemProps) {
  const comments = `${problem.commentCount} ${problem.commentCount === 1 ? "comment" : "comments"}`;
  return (
    <li className="flex gap-4 py-5">
      <VoteButton
        problemId={problem.id}
        voted={problem.viewerVoted}
        voteCount={problem.voteCount}
        returnTo={returnTo}
        signedIn={signedIn}
        interactive={canVote}
      />
      <div className="grid min-w-0 flex-1 content-start gap-1.5">
        <h3 className="text-base leading-snug font-semibold">
          <Link
            href={`${boardPath}/p/${problem.id}`}
            className="rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            {problem.title}
          </Link>
        </h3>
        {problem.excerpt ? (
          <p className="line-clamp-2 text-sm text-muted-foreground">{problem.excerpt}</p>
        ) : null}
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
          <StatusBadge status={problem.status} />
          <span className="inline-flex items-center gap-1">
            <MessageSquare aria-hidden="true" className="size-3.5" />
            {comments}
          </span>
          <span>
            {problem.authorName ?? "Deleted user"} · <RelativeTime date={problem.createdAt} />
          </span>
        </div>
      </div>
    </li>
  );
}
