/** A captioned table that scrolls sideways on a narrow screen instead of overflowing the page. */
export function AdminTable({
  caption,
  headers,
  children,
  empty,
}: {
  caption: string;
  headers: string[];
  children: React.ReactNode;
  /** Shown in place of the rows when there are none. */
  empty?: string | null;
}) {
  return (
    // `relative`: screen-reader-only text (absolutely positioned) in a cell stays inside the
    // scrolling box instead of widening the page.
    // Focusable and named: a table wider than a phone scrolls, and keyboard users must reach it.
    <div
      className="relative overflow-x-auto rounded-lg border focus-visible:outline-2 focus-visible:outline-offset-2"
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <table className="w-full text-left text-sm">
        <caption className="px-3 py-2 text-left font-medium">{caption}</caption>
        <thead className="border-t bg-muted/50 text-xs text-muted-foreground">
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y border-t">
          {empty ? (
            <tr>
              <td colSpan={headers.length} className="px-3 py-4 text-muted-foreground">
                {empty}
              </td>
            </tr>
          ) : (
            children
          )}
        </tbody>
      </table>
    </div>
  );
}

export const cell = "px-3 py-2 align-top";

/** A UTC time as the console shows it everywhere. */
export function Time({ at }: { at: Date | null }) {
  if (!at) return <span className="text-muted-foreground">—</span>;
  return (
    <time dateTime={at.toISOString()} className="whitespace-nowrap">
      {at.toISOString().slice(0, 16).replace("T", " ")} UTC
    </time>
  );
}
