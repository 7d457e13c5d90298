"use client";

import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/**
 * The revenue dashboard's charts. They are pictures of the table printed beside each one, which
 * is what screen readers and keyboards use: the chart is hidden from assistive technology and
 * takes no focus (no accessibility layer), so nothing is announced twice.
 */

export interface ChartMonth {
  label: string;
  mrr: number;
  newMrr: number;
  expansion: number;
  reactivation: number;
  contraction: number;
  churn: number;
  customers: number;
}

const COLORS = {
  mrr: "var(--primary)",
  new: "oklch(0.6 0.15 150)",
  expansion: "oklch(0.7 0.13 190)",
  reactivation: "oklch(0.65 0.12 250)",
  contraction: "oklch(0.75 0.15 70)",
  churn: "var(--destructive)",
};

const dollars = (value: number) =>
  `$${Math.abs(value) >= 1000 ? `${(value / 1000).toFixed(1)}k` : value.toFixed(0)}`;
const tooltipDollars = (value: unknown) =>
  typeof value === "number"
    ? value.toLocaleString("en-US", { style: "currency", currency: "USD" })
    : String(value);

const frame = { width: "100%", height: 260 };

function ChartBox({ children }: { children: React.ReactNode }) {
  return (
    <div aria-hidden="true" className="min-w-0 text-xs">
      {children}
    </div>
  );
}

export function MrrChart({ months }: { months: ChartMonth[] }) {
  return (
    <ChartBox>
      <AreaChart responsive accessibilityLayer={false} style={frame} data={months}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tickLine={false} />
        <YAxis tickFormatter={dollars} width={56} />
        <Tooltip formatter={tooltipDollars} />
        <Area
          type="monotone"
          dataKey="mrr"
          name="MRR"
          stroke={COLORS.mrr}
          fill={COLORS.mrr}
          fillOpacity={0.15}
          isAnimationActive={false}
        />
      </AreaChart>
    </ChartBox>
  );
}

export function MovementsChart({ months }: { months: ChartMonth[] }) {
  const data = months.map((m) => ({
    ...m,
    contraction: -m.contraction,
    churn: -m.churn,
  }));
  return (
    <ChartBox>
      <BarChart responsive accessibilityLayer={false} style={frame} data={data} stackOffset="sign">
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tickLine={false} />
        <YAxis tickFormatter={dollars} width={56} />
        <Tooltip formatter={tooltipDollars} />
        <Legend />
        <ReferenceLine y={0} stroke="currentColor" />
        <Bar dataKey="newMrr" name="New" stackId="m" fill={COLORS.new} isAnimationActive={false} />
        <Bar
          dataKey="expansion"
          name="Expansion"
          stackId="m"
          fill={COLORS.expansion}
          isAnimationActive={false}
        />
        <Bar
          dataKey="reactivation"
          name="Reactivation"
          stackId="m"
          fill={COLORS.reactivation}
          isAnimationActive={false}
        />
        <Bar
          dataKey="contraction"
          name="Contraction"
          stackId="m"
          fill={COLORS.contraction}
          isAnimationActive={false}
        />
        <Bar
          dataKey="churn"
          name="Churned"
          stackId="m"
          fill={COLORS.churn}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartBox>
  );
}

export function CustomersChart({ months }: { months: ChartMonth[] }) {
  return (
    <ChartBox>
      <LineChart responsive accessibilityLayer={false} style={frame} data={months}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tickLine={false} />
        <YAxis allowDecimals={false} width={40} />
        <Tooltip />
        <Line
          type="monotone"
          dataKey="customers"
          name="Paying customers"
          stroke={COLORS.mrr}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartBox>
  );
}
