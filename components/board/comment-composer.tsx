import Link from "next/link";
import { Button } from "@/components/ui/button";
import { CommentForm } from "./comment-forms";

export interface CommentGate {
  approved: boolean;
  merged: boolean;
  archived: boolean;
  closed: boolean;
  banned: boolean;
}

/** Why new comments are refused here, or null when they are accepted (as createComment does). */
export function commentsClosedReason(gate: CommentGate): string | null {
  if (!gate.approved) return "Comments open once a moderator approves this problem.";
  if (gate.merged) return "Comments are closed here; continue on the problem this was merged into.";
  if (gate.archived) return "This board is archived and read-only.";
  if (gate.closed) return "This problem is closed to new comments.";
  if (gate.banned) return "You can no longer post on this workspace's boards.";
  return null;
}

/** The comment box under a problem, a sign-in prompt, or the reason comments are closed. */
export function CommentComposer({
  problemId,
  returnTo,
  signedIn,
  closedReason,
}: {
  problemId: string;
  returnTo: string;
  signedIn: boolean;
  closedReason: string | null;
}) {
  if (closedReason) return <p className="text-sm text-muted-foreground">{closedReason}</p>;
  if (!signedIn) {
    return (
      <Button asChild variant="outline">
        <Link href={`/sign-in?next=${encodeURIComponent(returnTo)}`}>Sign in to comment</Link>
      </Button>
    );
  }
  return (
    <CommentForm
      problemId={problemId}
      returnTo={returnTo}
      id="comment-body"
      label="Add a comment"
      submitLabel="Post comment"
    />
  );
}
