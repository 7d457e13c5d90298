import Link from "next/link";
import { RelativeTime } from "@/components/board/relative-time";
import { UserMarkdown } from "@/components/board/user-markdown";
import { Badge } from "@/components/ui/badge";
import type { QueueItem as Item } from "@/lib/moderation/moderation-queue";
import { BanAuthorForm } from "./ban-author-form";
import { ModerationDecisionForm } from "./moderation-decision-form";

/** One problem or comment waiting for review, with what a moderator needs to decide. */
export function QueueItem({
  item,
  workspaceId,
  workspaceSlug,
}: {
  item: Item;
  workspaceId: string;
  workspaceSlug: string;
}) {
  const headingId = `queue-${item.id}`;
  const author = item.authorName ?? "Deleted account";
  const label =
    item.targetType === "comment" ? `comment on “${item.title}”` : `problem “${item.title}”`;
  return (
    <article aria-labelledby={headingId} className="grid gap-3 rounded-xl border p-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
        <Badge variant="outline">{item.targetType === "problem" ? "Problem" : "Comment"}</Badge>
        <span>{item.boardName}</span>
        <span>
          Posted <RelativeTime date={item.createdAt} />
        </span>
      </div>
      <h3 id={headingId} className="font-semibold">
        {item.targetType === "comment" ? `Comment on “${item.title}”` : item.title}
      </h3>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-muted-foreground">Held because</dt>
        <dd>{item.reason ?? "Waiting for review"}</dd>
        <dt className="text-muted-foreground">Reports</dt>
        <dd>{item.flagCount}</dd>
        <dt className="text-muted-foreground">Author</dt>
        <dd>
          {author}
          {item.authorEmail ? (
            <span className="text-muted-foreground"> · {item.authorEmail}</span>
          ) : null}
        </dd>
      </dl>
      <UserMarkdown
        source={item.body}
        className="max-h-64 overflow-y-auto rounded-md border bg-muted/40 px-3 py-2"
      />
      <Link
        href={`/b/${workspaceSlug}/${item.boardSlug}/p/${item.problemId}`}
        className="w-fit text-sm underline-offset-4 hover:underline"
      >
        {item.targetType === "problem" ? "Open the problem" : "Open the problem it was posted on"}
      </Link>
      <div className="grid gap-4 border-t pt-3 md:grid-cols-2">
        <ModerationDecisionForm
          workspaceId={workspaceId}
          targetType={item.targetType}
          targetId={item.id}
          label={label}
        />
        {item.authorId ? (
          <BanAuthorForm
            workspaceId={workspaceId}
            userId={item.authorId}
            authorName={author}
            formId={item.id}
          />
        ) : null}
      </div>
    </article>
  );
}
