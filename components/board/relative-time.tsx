const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absolute = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** "3 hours ago", "yesterday", "just now": the same on the server and in any browser. */
export function formatRelativeTime(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

/** A `<time>` with the machine-readable instant and the exact date (UTC) on hover. */
export function RelativeTime({ date, className }: { date: Date; className?: string }) {
  return (
    <time
      dateTime={date.toISOString()}
      title={`${absolute.format(date)} UTC`}
      className={className}
    >
      {formatRelativeTime(date)}
    </time>
  );
}
