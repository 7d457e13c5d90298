import type { CSSProperties } from "react";

const styles = {
  table: {
    backgroundColor: "#f9fafb",
    border: "1px solid #e5e7eb",
    borderCollapse: "separate",
    borderRadius: "6px",
    margin: "0 0 16px",
    padding: "8px 16px",
    width: "100%",
  },
  label: {
    color: "#6b7280",
    fontSize: "14px",
    lineHeight: "22px",
    padding: "4px 16px 4px 0",
    textAlign: "left",
    verticalAlign: "top",
    whiteSpace: "nowrap",
  },
  value: {
    color: "#111827",
    fontSize: "14px",
    fontWeight: 600,
    lineHeight: "22px",
    padding: "4px 0",
    textAlign: "right",
    verticalAlign: "top",
  },
} satisfies Record<string, CSSProperties>;

/**
 * A label/value summary (receipts, plan changes, form submissions). In the plain-text part each
 * row reads "Label   value" on one line, aligned like a table.
 */
export function Details({
  rows,
}: {
  rows: ReadonlyArray<readonly [label: string, value: string]>;
}) {
  return (
    <table
      role="presentation"
      cellPadding={0}
      cellSpacing={0}
      border={0}
      width="100%"
      style={styles.table}
      data-text-format="dataTable"
    >
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <td style={styles.label}>{label}</td>
            <td style={styles.value}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
