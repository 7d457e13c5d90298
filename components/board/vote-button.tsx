"use client";

import Link from "next/link";
import { ChevronUp } from "lucide-react";
import { useActionState, useOptimistic, useState, useSyncExternalStore } from "react";
import { voteAction } from "@/app/b/actions";
import { initialFormState, type FormState } from "@/lib/auth/form-state";
import { cn } from "@/lib/utils";

interface VoteState {
  voted: boolean;
  voteCount: number;
}

function votesLabel(count: number): string {
  return `Upvote: ${count} ${count === 1 ? "vote" : "votes"}`;
}

const boxClass =
  "flex shrink-0 flex-col items-center justify-center rounded-lg border text-sm font-semibold tabular-nums outline-none transition-[color,background-color,border-color,box-shadow] focus-visible:ring-[3px] focus-visible:ring-ring/50";
const sizeClass = { default: "h-14 w-12 gap-0.5", lg: "h-16 w-14 gap-0.5 text-base" };

const noop = () => () => {};
/** False while rendering on the server and hydrating, true once React runs in the browser. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

interface VoteButtonProps extends VoteState {
  problemId: string;
  /** The page to come back to (also the sign-in return address). */
  returnTo: string;
  /** Signed out: the button is a link to sign in. */
  signedIn: boolean;
  /** False for problems that take no votes (archived board, held, merged, banned viewer). */
  interactive?: boolean;
  size?: keyof typeof sizeClass;
}

/**
 * An upvote toggle. Without JavaScript it is a plain form posting to `voteAction`; once
 * hydrated, the count and pressed state flip at once (useOptimistic) while the action runs,
 * and settle on the server's numbers when the page data comes back.
 */
export function VoteButton({
  problemId,
  voted,
  voteCount,
  returnTo,
  signedIn,
  interactive = true,
  size = "default",
}: VoteButtonProps) {
  const [state, serverAction] = useActionState(voteAction, initialFormState);
  // Once the enhanced path has run, its result replaces the no-JavaScript one.
  const [clientResult, setClientResult] = useState<FormState | null>(null);
  const [optimistic, setOptimistic] = useOptimistic<VoteState, boolean>(
    { voted, voteCount },
    (current, want) =>
      current.voted === want
        ? current
        : { voted: want, voteCount: current.voteCount + (want ? 1 : -1) },
  );
  const hydrated = useHydrated();

  async function enhancedAction(form: FormData) {
    setOptimistic(form.get("voted") === "1");
    const result = await voteAction(initialFormState, form);
    setClientResult(result);
  }

  const content = (
    <>
      <ChevronUp aria-hidden="true" className="size-4" />
      <span>{optimistic.voteCount}</span>
    </>
  );

  if (!interactive) {
    return (
      <div
        className={cn(boxClass, sizeClass[size], "border-border text-muted-foreground")}
        aria-label={`${voteCount} ${voteCount === 1 ? "vote" : "votes"}`}
        role="img"
      >
        {content}
      </div>
    );
  }

  if (!signedIn) {
    return (
      <Link
        href={`/sign-in?next=${encodeURIComponent(returnTo)}`}
        aria-label={`${votesLabel(voteCount)}. Sign in to vote`}
        className={cn(boxClass, sizeClass[size], "bg-background hover:bg-accent")}
      >
        {content}
      </Link>
    );
  }

  const error = (clientResult ?? state).error;
  return (
    <form
      action={hydrated ? enhancedAction : serverAction}
      className="grid justify-items-center gap-1"
    >
      <input type="hidden" name="problemId" value={problemId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <input type="hidden" name="voted" value={optimistic.voted ? "0" : "1"} />
      <button
        type="submit"
        aria-pressed={optimistic.voted}
        aria-label={votesLabel(optimistic.voteCount)}
        className={cn(
          boxClass,
          sizeClass[size],
          optimistic.voted
            ? "border-primary bg-primary text-primary-foreground hover:bg-primary/90"
            : "bg-background hover:border-primary/60 hover:bg-accent",
        )}
      >
        {content}
      </button>
      {error ? (
        <p role="alert" className="max-w-28 text-center text-xs text-destructive">
          {error}
        </p>
      ) : null}
    </form>
  );
}
