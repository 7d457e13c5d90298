import {
  formatBillingDate,
  formatMeterValue,
  meterLevel,
  meterPercent,
} from "@/lib/billing/display";
import { cn } from "@/lib/utils";

export interface UsageMeterView {
  metric: string;
  label: string;
  used: number;
  /** Infinity = unlimited, 0 = not included in the plan. */
  limit: number;
  /** ISO date the count starts again, or null for counts that don't reset (boards, seats). */
  resetsOn: string | null;
  /** Show the numbers as bytes (storage). */
  unit?: "bytes";
}

const BAR: Record<ReturnType<typeof meterLevel>, string> = {
  normal: "bg-primary",
  warning: "bg-amber-500",
  full: "bg-destructive",
};

/** Usage against each plan limit as labelled progress bars: amber from 80 %, red at the limit. */
export function UsageMeters({ meters }: { meters: UsageMeterView[] }) {
  return (
    <ul className="grid gap-5">
      {meters.map((meter) => {
        const level = meterLevel(meter.used, meter.limit);
        const unlimited = meter.limit === Infinity;
        const included = meter.limit > 0;
        const labelId = `meter-${meter.metric}`;
        return (
          <li key={meter.metric} className="grid gap-1.5" data-level={level}>
            <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span id={labelId} className="font-medium">
                {meter.label}
              </span>
              <span
                className={cn(
                  "tabular-nums",
                  level === "warning" && included && "text-amber-700 dark:text-amber-400",
                  level === "full" && included && "text-destructive",
                  !included && "text-muted-foreground",
                )}
              >
                {formatMeterValue(meter.used, meter.limit, meter.unit)}
              </span>
            </div>
            {included && !unlimited ? (
              <div
                role="progressbar"
                aria-labelledby={labelId}
                aria-valuemin={0}
                aria-valuemax={meter.limit}
                aria-valuenow={Math.min(meter.used, meter.limit)}
                aria-valuetext={`${formatMeterValue(meter.used, meter.limit, meter.unit)}${level === "full" ? ", limit reached" : ""}`}
                className="h-2 w-full overflow-hidden rounded-full bg-muted"
              >
                <div
                  className={cn("h-full rounded-full transition-[width]", BAR[level])}
                  style={{ width: `${meterPercent(meter.used, meter.limit)}%` }}
                />
              </div>
            ) : null}
            {meter.resetsOn && included ? (
              <p className="text-xs text-muted-foreground">
                Resets on {formatBillingDate(meter.resetsOn)}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
