import type { ProblemStatus } from "@/lib/db/schema";
import { STATUS_LABELS } from "@/lib/problems/schemas";
import { DeleteProblemForm, MergeForm, StatusChangeForm } from "./triage-controls";

const STATUS_OPTIONS = Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }));

/** The team's tools on a problem page: status, merge, delete. Shown to members who triage. */
export function TriagePanel({
  problemId,
  returnTo,
  status,
  merged,
  workspaceName,
}: {
  problemId: string;
  returnTo: string;
  status: ProblemStatus;
  merged: boolean;
  workspaceName: string;
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
          <div className="grid content-start gap-3">
            <h3 className="font-medium">Change status</h3>
            <StatusChangeForm {...target} status={status} statuses={STATUS_OPTIONS} />
          </div>
          <div className="grid content-start gap-3">
            <h3 className="font-medium">Merge as a duplicate</h3>
            <MergeForm {...target} />
          </div>
        </div>
      )}
      <DeleteProblemForm {...target} />
    </section>
  );
}
