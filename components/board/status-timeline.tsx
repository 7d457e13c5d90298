import type { ProblemDetail } from "@/lib/problems/get-problem-detail";
import { RelativeTime } from "./relative-time";
import { isProblemStatus, StatusBadge } from "./status-badge";

function Status({ value }: { value: string }) {
  return isProblemStatus(value) ? <StatusBadge status={value} /> : <span>{value}</span>;
}

/** The problem's status changes, oldest first, with the team's public notes. */
export function StatusTimeline({ timeline }: { timeline: ProblemDetail["timeline"] }) {
  return (
    <ol className="grid gap-4 border-l pl-5">
      {timeline.map((change) => (
        <li key={change.id} className="relative grid gap-1.5">
          <span
            aria-hidden="true"
            className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full border-2 border-background bg-muted-foreground"
          />
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Status value={change.fromStatus} />
            <span className="text-muted-foreground">
              <span aria-hidden="true">→</span>
              <span className="sr-only">to</span>
            </span>
            <Status value={change.toStatus} />
            <span className="text-xs text-muted-foreground">
              {change.actorName ?? "The team"} · <RelativeTime date={change.createdAt} />
            </span>
          </div>
          {change.note ? (
            <p className="text-sm whitespace-pre-line text-foreground/90">{change.note}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
