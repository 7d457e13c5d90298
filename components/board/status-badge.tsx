import { Badge } from "@/components/ui/badge";
import type { ProblemStatus } from "@/lib/db/schema";
import { STATUS_LABELS } from "@/lib/problems/schemas";
import { cn } from "@/lib/utils";

/** Tinted per status; the text label always carries the meaning, never the colour alone. */
const STATUS_STYLES: Record<ProblemStatus, string> = {
  open: "border-slate-300 bg-slate-50 text-slate-700 dark:border-slate-600 dark:bg-slate-800/60 dark:text-slate-200",
  under_review:
    "border-amber-300 bg-amber-50 text-amber-800 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-200",
  planned:
    "border-sky-300 bg-sky-50 text-sky-800 dark:border-sky-700 dark:bg-sky-950/60 dark:text-sky-200",
  in_progress:
    "border-violet-300 bg-violet-50 text-violet-800 dark:border-violet-700 dark:bg-violet-950/60 dark:text-violet-200",
  solved:
    "border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-700 dark:bg-emerald-950/60 dark:text-emerald-200",
  closed:
    "border-zinc-300 bg-zinc-100 text-zinc-700 dark:border-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-300",
};

const DOT_STYLES: Record<ProblemStatus, string> = {
  open: "bg-slate-500",
  under_review: "bg-amber-500",
  planned: "bg-sky-500",
  in_progress: "bg-violet-500",
  solved: "bg-emerald-500",
  closed: "bg-zinc-400",
};

export function isProblemStatus(value: string): value is ProblemStatus {
  return Object.hasOwn(STATUS_LABELS, value);
}

export function StatusBadge({ status, className }: { status: ProblemStatus; className?: string }) {
  return (
    <Badge
      variant="outline"
      data-status={status}
      className={cn("gap-1.5", STATUS_STYLES[status], className)}
    >
      <span aria-hidden="true" className={cn("size-1.5 rounded-full", DOT_STYLES[status])} />
      {STATUS_LABELS[status]}
    </Badge>
  );
}
