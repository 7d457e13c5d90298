import { RelativeTime } from "@/components/board/relative-time";
import type { listModerationLog } from "@/lib/moderation/moderation-queue";

type LogEntry = Awaited<ReturnType<typeof listModerationLog>>[number];

const ACTIONS: Record<string, string> = {
  approve: "Approved",
  reject: "Rejected",
  spam: "Marked as spam",
  ban: "Banned",
  unban: "Lifted the ban on",
  auto_hide: "Hid after reports",
};

const TARGETS: Record<string, string> = {
  problem: "a problem",
  comment: "a comment",
  user: "an author",
};

/** "Approved a problem", falling back to the raw names for actions added later. */
function describe(entry: LogEntry): string {
  const action = ACTIONS[entry.action] ?? entry.action;
  return `${action} ${TARGETS[entry.targetType] ?? entry.targetType}`;
}

/** The latest moderation decisions: who, what, when (and the note, if any). */
export function ModerationLog({ entries }: { entries: LogEntry[] }) {
  if (entries.length === 0) {
    return <p className="text-sm text-muted-foreground">No decisions yet.</p>;
  }
  return (
    <table className="w-full text-sm">
      <thead className="text-left text-muted-foreground">
        <tr>
          <th className="py-2 pr-4 font-medium">Who</th>
          <th className="py-2 pr-4 font-medium">What</th>
          <th className="py-2 font-medium">When</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} className="border-t align-top">
            <td className="py-2 pr-4">
              {entry.actorName ?? (entry.action === "auto_hide" ? "Automatic" : "Former member")}
            </td>
            <td className="py-2 pr-4">
              {describe(entry)}
              {entry.note ? <span className="text-muted-foreground"> · {entry.note}</span> : null}
            </td>
            <td className="py-2 whitespace-nowrap text-muted-foreground">
              <RelativeTime date={entry.createdAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
