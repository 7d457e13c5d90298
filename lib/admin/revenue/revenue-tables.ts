import type { MonthRow, RevenueReport } from "./build-report";

/**
 * The dashboard's tables and the CSV export from one list of columns, so the export always says
 * what the page says: `display` for the page, `csv` for the file (dollars with two decimals,
 * percentages without the sign, counts without separators, empty where a rate is undefined).
 */

export interface RevenueColumn {
  key: keyof MonthRow | "monthLabel";
  header: string;
  csvHeader: string;
  display: (row: MonthRow) => string;
  csv: (row: MonthRow) => string;
}

const money = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const integer = new Intl.NumberFormat("en-US");

/** Cents as the console shows money: `$1,234.50`. */
export const formatMoney = (cents: number) => money.format(cents / 100);
/** A ratio as a percentage with one decimal: `12.5%`, or `—` when undefined. */
export const formatRate = (rate: number | null) =>
  rate === null ? "—" : `${(rate * 100).toFixed(1)}%`;

const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** `2026-03` → `Mar 2026`. */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

type NumberKey = {
  [K in keyof MonthRow]: MonthRow[K] extends number ? K : never;
}[keyof MonthRow];
type RateKey = {
  [K in keyof MonthRow]: MonthRow[K] extends number | null ? K : never;
}[keyof MonthRow];

const monthColumn: RevenueColumn = {
  key: "monthLabel",
  header: "Month",
  csvHeader: "month",
  display: (row) => `${monthLabel(row.month)}${row.partial ? " (to date)" : ""}`,
  csv: (row) => row.month,
};

const moneyColumn = (key: NumberKey, header: string, csvHeader: string): RevenueColumn => ({
  key,
  header,
  csvHeader,
  display: (row) => formatMoney(row[key]),
  csv: (row) => (row[key] / 100).toFixed(2),
});

const countColumn = (key: RateKey, header: string, csvHeader: string): RevenueColumn => ({
  key,
  header,
  csvHeader,
  display: (row) => (row[key] === null ? "—" : integer.format(row[key])),
  csv: (row) => (row[key] === null ? "" : String(row[key])),
});

const rateColumn = (key: RateKey, header: string, csvHeader: string): RevenueColumn => ({
  key,
  header,
  csvHeader,
  display: (row) => formatRate(row[key]),
  csv: (row) => {
    const value = row[key];
    return value === null ? "" : (value * 100).toFixed(1);
  },
});

const arpaColumn: RevenueColumn = {
  key: "arpaCents",
  header: "ARPA",
  csvHeader: "arpa_usd",
  display: (row) => (row.arpaCents === null ? "—" : formatMoney(row.arpaCents)),
  csv: (row) => (row.arpaCents === null ? "" : (row.arpaCents / 100).toFixed(2)),
};

export const MOVEMENT_COLUMNS: RevenueColumn[] = [
  monthColumn,
  moneyColumn("mrrStartCents", "MRR at start", "mrr_start_usd"),
  moneyColumn("newCents", "New", "new_usd"),
  moneyColumn("expansionCents", "Expansion", "expansion_usd"),
  moneyColumn("reactivationCents", "Reactivation", "reactivation_usd"),
  moneyColumn("contractionCents", "Contraction", "contraction_usd"),
  moneyColumn("churnCents", "Churned", "churned_usd"),
  moneyColumn("netNewCents", "Net new MRR", "net_new_usd"),
  moneyColumn("mrrEndCents", "MRR at end", "mrr_end_usd"),
  moneyColumn("arrEndCents", "ARR at end", "arr_end_usd"),
];

export const RETENTION_COLUMNS: RevenueColumn[] = [
  monthColumn,
  countColumn("customersStart", "Customers at start", "customers_start"),
  countColumn("newCustomers", "New", "customers_new"),
  countColumn("reactivatedCustomers", "Reactivated", "customers_reactivated"),
  countColumn("churnedCustomers", "Churned", "customers_churned"),
  countColumn("customersEnd", "Customers at end", "customers_end"),
  rateColumn("logoChurnRate", "Logo churn", "logo_churn_pct"),
  rateColumn("revenueChurnRate", "Revenue churn", "revenue_churn_pct"),
  rateColumn("nrr", "NRR", "nrr_pct"),
  rateColumn("grr", "GRR", "grr_pct"),
  arpaColumn,
];

export const FUNNEL_COLUMNS: RevenueColumn[] = [
  monthColumn,
  countColumn("trialsStarted", "Trials started", "trials_started"),
  countColumn("trialsConverted", "Converted", "trials_converted"),
  countColumn("trialsExpired", "Expired unpaid", "trials_expired"),
  rateColumn("trialConversion", "Trial-to-paid", "trial_to_paid_pct"),
  countColumn("signups", "Sign-ups", "signups"),
  countColumn("weeklyActiveUsers", "Weekly active users", "weekly_active_users"),
  countColumn("weeklyActiveWorkspaces", "Weekly active workspaces", "weekly_active_workspaces"),
];

/** Every column once (the month first), in the order of the page's tables. */
export const CSV_COLUMNS: RevenueColumn[] = [
  monthColumn,
  ...[...MOVEMENT_COLUMNS, ...RETENTION_COLUMNS, ...FUNNEL_COLUMNS].filter(
    (column) => column !== monthColumn,
  ),
];

const csvCell = (value: string) =>
  /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** The twelve months of the report as CSV (RFC 4180, CRLF line ends), oldest first. */
export function revenueCsv(report: RevenueReport): string {
  const lines = [
    CSV_COLUMNS.map((column) => csvCell(column.csvHeader)).join(","),
    ...report.months.map((row) => CSV_COLUMNS.map((column) => csvCell(column.csv(row))).join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
