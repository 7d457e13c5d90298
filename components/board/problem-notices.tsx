import Link from "next/link";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

const STATE_LABELS: Record<string, string> = {
  pending: "Awaiting review",
  rejected: "Rejected by a moderator",
  spam: "Marked as spam",
};

/** Why a problem is not (or no longer) on the board: held for review, or merged. */
export function ProblemNotices({
  moderationState,
  isAuthor,
  merged,
  kept,
}: {
  moderationState: string;
  isAuthor: boolean;
  merged: boolean;
  /**
   * The problem this one was merged into, when the viewer can see it. Otherwise the notice says
   * only that it was merged: nothing about a problem the viewer may not see.
   */
  kept: { title: string; href: string } | null;
}) {
  const held = STATE_LABELS[moderationState];
  return (
    <>
      {held ? (
        <Alert role="status" className="border-amber-300 dark:border-amber-700">
          <AlertTitle>{held}</AlertTitle>
          <AlertDescription>
            {isAuthor && moderationState === "pending"
              ? "Your problem will appear on the board once a moderator approves it. Until then only you and the team can see it."
              : "This problem is not on the public board. Only its author and the team can see it."}
          </AlertDescription>
        </Alert>
      ) : null}
      {merged ? (
        <Alert role="status">
          <AlertTitle>Merged as a duplicate</AlertTitle>
          <AlertDescription>
            {kept ? (
              <p>
                Merged into{" "}
                <Link
                  href={kept.href}
                  className="font-medium text-foreground underline underline-offset-4"
                >
                  {kept.title}
                </Link>
                . Votes and followers moved there.
              </p>
            ) : (
              <p>Merged into another problem.</p>
            )}
          </AlertDescription>
        </Alert>
      ) : null}
    </>
  );
}
