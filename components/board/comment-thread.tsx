import { Badge } from "@/components/ui/badge";
import type { CommentView } from "@/lib/problems/get-problem-detail";
import { cn } from "@/lib/utils";
import { CommentForm, DeleteCommentForm, EditCommentForm } from "./comment-forms";
import { FlagForm } from "./engagement-forms";
import { RelativeTime } from "./relative-time";
import { PinCommentForm } from "./triage-controls";
import { UserMarkdown } from "./user-markdown";

export interface CommentThreadProps {
  comments: CommentView[];
  problemId: string;
  returnTo: string;
  viewerId: string | null;
  canModerate: boolean;
  canTriage: boolean;
  /** Workspace members' user ids, when the viewer triages (only their comments can be pinned). */
  memberIds: ReadonlySet<string>;
  /** Whether new comments and replies are accepted. */
  canReply: boolean;
}

const MODERATION_LABELS: Record<string, string> = {
  pending: "Awaiting review",
  rejected: "Rejected",
  spam: "Marked as spam",
};

/**
 * Comments threaded one level deep. The thread holding the official (pinned) reply comes
 * first; a deleted comment with replies stays as a placeholder.
 */
export function CommentThread(props: CommentThreadProps) {
  const ids = new Set(props.comments.map((c) => c.id));
  // A reply whose parent the viewer can't see is shown on its own rather than lost.
  const isTop = (c: CommentView) => !c.parentId || !ids.has(c.parentId);
  const replies = (id: string) => props.comments.filter((c) => c.parentId === id);
  const hasPin = (c: CommentView) => c.pinned || replies(c.id).some((r) => r.pinned);
  const threads = props.comments
    .filter(isTop)
    .sort((a, b) => Number(hasPin(b)) - Number(hasPin(a)));

  return (
    <ol className="grid gap-6">
      {threads.map((comment) => {
        const children = replies(comment.id);
        const canReplyHere = props.canReply && !comment.parentId && comment.body !== null;
        return (
          <li key={comment.id} className="grid gap-4">
            <CommentItem comment={comment} {...props} />
            {children.length > 0 || canReplyHere ? (
              <div className="ml-4 grid gap-4 border-l pl-4 sm:ml-6 sm:pl-6">
                {children.length > 0 ? (
                  <ol className="grid gap-4" aria-label="Replies">
                    {children.map((reply) => (
                      <li key={reply.id}>
                        <CommentItem comment={reply} {...props} />
                      </li>
                    ))}
                  </ol>
                ) : null}
                {canReplyHere ? (
                  <details>
                    <summary className="w-fit cursor-pointer rounded-sm text-sm font-medium text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50">
                      Reply
                    </summary>
                    <div className="mt-3">
                      <CommentForm
                        problemId={props.problemId}
                        returnTo={props.returnTo}
                        parentId={comment.id}
                        id={`reply-${comment.id}`}
                        label={`Reply to ${comment.authorName ?? "this comment"}`}
                        submitLabel="Post reply"
                      />
                    </div>
                  </details>
                ) : null}
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

function CommentItem({ comment, ...props }: CommentThreadProps & { comment: CommentView }) {
  const isAuthor = props.viewerId !== null && comment.authorId === props.viewerId;
  const isMember = comment.authorId !== null && props.memberIds.has(comment.authorId);
  const approved = comment.moderationState === "approved";
  const target = { commentId: comment.id, problemId: props.problemId, returnTo: props.returnTo };
  const held = MODERATION_LABELS[comment.moderationState];

  return (
    <article
      className={cn(
        "grid gap-2 rounded-lg",
        comment.pinned && "border border-primary/30 bg-secondary/40 p-4",
      )}
    >
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span className="font-medium">{comment.authorName ?? "Deleted user"}</span>
        {isMember ? <Badge variant="secondary">Team</Badge> : null}
        {comment.pinned ? <Badge>Official reply</Badge> : null}
        <span className="text-xs text-muted-foreground">
          <RelativeTime date={comment.createdAt} />
          {comment.editedAt ? " · edited" : null}
        </span>
      </header>
      {!approved && held && comment.body !== null ? (
        <p className="text-xs font-medium text-amber-700 dark:text-amber-300">
          {held}
          {isAuthor && comment.moderationState === "pending"
            ? " — only you and the moderators can see this comment until it is approved."
            : null}
        </p>
      ) : null}
      {comment.body === null ? (
        <p className="text-sm text-muted-foreground italic">This comment was deleted.</p>
      ) : (
        <>
          <UserMarkdown source={comment.body} />
          <div className="flex flex-wrap items-start gap-1 -ml-2">
            {isAuthor ? (
              <details className="open:basis-full">
                <summary className="inline-flex h-7 w-fit cursor-pointer items-center rounded-md px-2 text-sm text-muted-foreground outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50">
                  Edit
                </summary>
                <div className="mt-2 pl-2">
                  <EditCommentForm {...target} body={comment.body} />
                </div>
              </details>
            ) : null}
            {isAuthor || props.canModerate ? <DeleteCommentForm {...target} /> : null}
            {props.canTriage && approved && (isMember || comment.pinned) ? (
              <PinCommentForm {...target} pinned={comment.pinned} />
            ) : null}
            {props.viewerId !== null && !isAuthor && approved ? (
              <FlagForm targetType="comment" targetId={comment.id} returnTo={props.returnTo} />
            ) : null}
          </div>
        </>
      )}
    </article>
  );
}
