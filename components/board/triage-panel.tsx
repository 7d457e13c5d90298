import type { ProblemStatus } from "@/lib/db/schema";
import { STATUS_LABELS } from "@/lib/problems/schemas";
import type { MergePreview, MergeTarget } from "@/lib/problems/merge-preview";
import { MergePicker } from "./merge-picker";
import { DeleteProblemForm, MergeConfirmForm, StatusChangeForm } from "./triage-controls";

const STATUS_OPTIONS = Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }));

/** The merge section's state, from the page's query (`?mergeq=…&into=prb_…`). */
export interface MergeState {
  query: string;
  /** Matches for `query` (null when nothing was searched). */
  targets: MergeTarget[] | null;
  /** What merging into the chosen problem would do, or why it can't be merged into. */
  preview: MergePreview | null;
  previewError: string | null;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a merge into the chosen problem moves, and what this problem becomes. */
function MergePreviewCard({
  preview,
  problemId,
  returnTo,
}: {
  preview: MergePreview;
  problemId: string;
  returnTo: string;
}) {
  const { kept, duplicate } = preview;
  return (
    <div
      role="region"
      aria-labelledby="merge-preview-heading"
      className="grid gap-3 rounded-lg border bg-background p-4"
    >
      <h4 id="merge-preview-heading" className="text-sm font-medium wrap-anywhere">
        Merge into “{kept.title}”?
      </h4>
      <p className="text-xs text-muted-foreground">
        {STATUS_LABELS[kept.status]} · {plural(kept.voteCount, "vote", "votes")} · {kept.boardName}
      </p>
      <ul className="grid list-disc gap-1 pl-5 text-sm" aria-label="What the merge does">
        <li>
          {plural(preview.votesMoving, "vote moves", "votes move")} over
          {preview.votesAlreadyThere > 0
            ? ` (${plural(preview.votesAlreadyThere, "voter", "voters")} who voted on both count once)`
            : ""}
          ; it will have {plural(kept.votesAfter, "vote", "votes")}.
        </li>
        <li>
          {plural(preview.followersMoving, "follower moves", "followers move")} over and will get
          its status updates.
        </li>
        <li>
          {duplicate.commentCount > 0
            ? `The ${plural(duplicate.commentCount, "comment stays", "comments stay")} here.`
            : "This problem has no comments."}{" "}
          This problem closes, takes no new votes or comments, and links to the one you keep.
        </li>
        <li>
          {preview.notified > 0
            ? `${preview.notified === 1 ? "1 person (its author or a follower) gets" : `${preview.notified} people (its author and followers) get`} an email saying where it went.`
            : "Nobody else follows it, so no email is sent."}
        </li>
      </ul>
      <MergeConfirmForm
        problemId={problemId}
        returnTo={returnTo}
        keptId={kept.id}
        keptTitle={kept.title}
      />
    </div>
  );
}

/** The team's tools on a problem page: status, merge, delete. Shown to members who triage. */
export function TriagePanel({
  problemId,
  returnTo,
  status,
  merged,
  workspaceName,
  merge,
}: {
  problemId: string;
  returnTo: string;
  status: ProblemStatus;
  merged: boolean;
  workspaceName: string;
  merge: MergeState;
}) {
  const target = { problemId, returnTo };
  return (
    <section
      aria-labelledby="triage-heading"
      className="grid gap-6 rounded-xl border bg-muted/30 p-5 sm:p-6"
    >
      <div className="grid gap-1">
        <h2 id="triage-heading" className="text-lg font-semibold tracking-tight">
          Team actions
        </h2>
        <p className="text-sm text-muted-foreground">Only members of {workspaceName} see this.</p>
      </div>
      {merged ? (
        <p className="text-sm text-muted-foreground">
          This problem was merged; change the status of the one it was merged into.
        </p>
      ) : (
        <div className="grid gap-8 md:grid-cols-2">
          <div className="grid min-w-0 content-start gap-3">
            <h3 className="font-medium">Change status</h3>
            <StatusChangeForm {...target} status={status} statuses={STATUS_OPTIONS} />
          </div>
          <div id="merge" className="grid min-w-0 content-start gap-3">
            <h3 className="font-medium">Merge as a duplicate</h3>
            {merge.previewError ? (
              <p role="alert" className="text-sm text-destructive wrap-anywhere">
                {merge.previewError}
              </p>
            ) : null}
            {merge.preview ? <MergePreviewCard preview={merge.preview} {...target} /> : null}
            <MergePicker
              problemId={problemId}
              path={returnTo}
              query={merge.query}
              targets={merge.targets}
            />
          </div>
        </div>
      )}
      <DeleteProblemForm {...target} />
    </section>
  );
}
