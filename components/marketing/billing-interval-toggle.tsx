import Link from "next/link";

import type { BillingInterval } from "@/lib/billing/plans";
import { cn } from "@/lib/utils";

const OPTIONS: { value: BillingInterval; label: string }[] = [
  { value: "monthly", label: "Monthly" },
  { value: "yearly", label: "Yearly" },
];

/**
 * Monthly / yearly switch for the pricing page, as plain links to `?interval=…` styled as a
 * segmented control: the server renders the chosen interval, so it works without JavaScript.
 * No client state, so it needs no "use client".
 */
export function BillingIntervalToggle({
  value,
  pathname = "/pricing",
  yearlyNote,
}: {
  value: BillingInterval;
  pathname?: string;
  /** A short note beside "Yearly", such as "2 months free". */
  yearlyNote?: string;
}) {
  return (
    <div
      role="group"
      aria-label="Billing interval"
      className="inline-flex items-center gap-1 rounded-lg border bg-muted p-1"
    >
      {OPTIONS.map((option) => {
        const active = option.value === value;
        return (
          <Link
            key={option.value}
            href={{ pathname, query: { interval: option.value } }}
            scroll={false}
            replace
            aria-current={active ? "page" : undefined}
            className={cn(
              "inline-flex h-8 items-center gap-2 rounded-md px-4 text-sm font-medium transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
              active
                ? "bg-background text-foreground shadow-sm"
                : "text-muted-foreground hover:text-foreground",
            )}
          >
            {option.label}
            {option.value === "yearly" && yearlyNote ? (
              <span className="rounded-sm bg-primary/10 px-1.5 py-0.5 text-xs font-semibold text-primary">
                {yearlyNote}
              </span>
            ) : null}
          </Link>
        );
      })}
    </div>
  );
}
