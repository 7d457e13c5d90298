import type { MonthRow } from "@/lib/admin/revenue/build-report";
import type { RevenueColumn } from "@/lib/admin/revenue/revenue-tables";

/**
 * One of the dashboard's month tables. It scrolls sideways inside its own box on a narrow
 * screen (the page never overflows); the box is a labelled, focusable region so a keyboard can
 * scroll it. Months are row headers, so a screen reader names the month with each figure.
 */
export function RevenueTable({
  id,
  caption,
  columns,
  rows,
}: {
  id: string;
  caption: string;
  columns: RevenueColumn[];
  rows: MonthRow[];
}) {
  const [first, ...rest] = columns;
  return (
    <div
      role="region"
      aria-labelledby={`${id}-caption`}
      tabIndex={0}
      className="max-w-full overflow-x-auto rounded-lg border focus-visible:outline-2 focus-visible:outline-offset-2"
    >
      <table id={id} className="w-full text-left text-sm">
        <caption id={`${id}-caption`} className="px-3 py-2 text-left font-medium">
          {caption}
        </caption>
        <thead className="border-t bg-muted/50 text-xs text-muted-foreground">
          <tr>
            {columns.map((column) => (
              <th
                key={column.csvHeader}
                scope="col"
                className="px-3 py-2 font-medium whitespace-nowrap"
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y border-t">
          {rows.map((row) => (
            <tr key={row.month} data-month={row.month}>
              <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                {first!.display(row)}
              </th>
              {rest.map((column) => (
                <td
                  key={column.csvHeader}
                  data-column={column.csvHeader}
                  className="px-3 py-2 text-right whitespace-nowrap tabular-nums"
                >
                  {column.display(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
