import type { CSSProperties } from "react";
import { BRAND_COLOR } from "./layout";

const styles = {
  track: {
    backgroundColor: "#e5e7eb",
    borderCollapse: "collapse",
    borderRadius: "4px",
    height: "8px",
    margin: "0 0 16px",
    width: "100%",
  },
  cell: { fontSize: "1px", height: "8px", lineHeight: "8px", padding: 0 },
} satisfies Record<string, CSSProperties>;

/**
 * A horizontal bar filled to `percent` (a whole number as text, e.g. "80"), amber from 80 % and
 * red at 100 %. Decorative: the template states the numbers in words, so the plain-text part
 * skips it.
 */
export function UsageMeter({ percent }: { percent: string }) {
  const parsed = Number.parseFloat(percent);
  const filled = Number.isFinite(parsed) ? Math.min(100, Math.max(0, Math.round(parsed))) : 0;
  const color = filled >= 100 ? "#dc2626" : filled >= 80 ? "#d97706" : BRAND_COLOR;
  return (
    <table
      role="presentation"
      cellPadding={0}
      cellSpacing={0}
      border={0}
      width="100%"
      style={styles.track}
      data-skip-in-text={true}
    >
      <tbody>
        <tr>
          {filled > 0 ? (
            <td width={`${filled}%`} style={{ ...styles.cell, backgroundColor: color }}>
              &nbsp;
            </td>
          ) : null}
          {filled < 100 ? (
            <td width={`${100 - filled}%`} style={styles.cell}>
              &nbsp;
            </td>
          ) : null}
        </tr>
      </tbody>
    </table>
  );
}
