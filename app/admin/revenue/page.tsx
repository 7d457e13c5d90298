// GET /admin/revenue – MRR, ARR, MRR movements, churn, retention, trials and activity, from the
// revenue rollups (never Stripe, never the raw history)
import type { Metadata } from "next";
import { Time } from "@/components/admin/admin-table";
import {
  CustomersChart,
  MovementsChart,
  MrrChart,
  type ChartMonth,
} from "@/components/admin/revenue/revenue-charts";
import { RevenueTable } from "@/components/admin/revenue/revenue-table";
import { getRevenueReport } from "@/lib/admin/revenue/get-revenue-report";
import {
  formatMoney,
  formatRate,
  FUNNEL_COLUMNS,
  monthLabel,
  MOVEMENT_COLUMNS,
  RETENTION_COLUMNS,
} from "@/lib/admin/revenue/revenue-tables";
import { PLANS, isPlanId } from "@/lib/billing/plans";
import { requireAdmin } from "../admin-session";

export const metadata: Metadata = { title: "Revenue" };
export const dynamic = "force-dynamic";

const integer = new Intl.NumberFormat("en-US");

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border p-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
      {note ? <dd className="text-xs text-muted-foreground">{note}</dd> : null}
    </div>
  );
}

export default async function AdminRevenuePage() {
  const { admin } = await requireAdmin();
  const report = await getRevenueReport(admin);
  const last = report.lastComplete;
  const current = report.months[report.months.length - 1]!;
  const chart: ChartMonth[] = report.months.map((m) => ({
    label: monthLabel(m.month).replace(/ (\d{2})(\d{2})$/, " ’$2"),
    mrr: m.mrrEndCents / 100,
    newMrr: m.newCents / 100,
    expansion: m.expansionCents / 100,
    reactivation: m.reactivationCents / 100,
    contraction: m.contractionCents / 100,
    churn: m.churnCents / 100,
    customers: m.customersEnd,
  }));
  const lastLabel = monthLabel(last.month);

  return (
    <div className="grid min-w-0 gap-8">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Revenue</h1>
        <p className="text-sm text-muted-foreground">
          As of <Time at={report.asOf} />, from the daily revenue rollups, which move with every
          subscription history change and are rebuilt from the history every night. Months are UTC
          calendar months; {monthLabel(current.month)} is to date.
        </p>
        <p>
          <a
            href="/admin/revenue/export"
            download
            className="text-sm font-medium underline underline-offset-4"
          >
            Download the twelve months as CSV
          </a>
        </p>
      </div>

      <section aria-labelledby="now-heading" className="grid gap-3">
        <h2 id="now-heading" className="text-lg font-semibold">
          Now
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat label="MRR" value={formatMoney(report.mrrCents)} />
          <Stat label="ARR" value={formatMoney(report.arrCents)} note="MRR × 12" />
          <Stat label="Paying customers" value={integer.format(report.customers)} />
          <Stat
            label="ARPA"
            value={report.arpaCents === null ? "—" : formatMoney(report.arpaCents)}
          />
          <Stat label={`Logo churn, ${lastLabel}`} value={formatRate(last.logoChurnRate)} />
          <Stat label={`Revenue churn, ${lastLabel}`} value={formatRate(last.revenueChurnRate)} />
          <Stat label={`NRR, ${lastLabel}`} value={formatRate(last.nrr)} />
          <Stat label={`GRR, ${lastLabel}`} value={formatRate(last.grr)} />
          <Stat label={`Trial-to-paid, ${lastLabel}`} value={formatRate(last.trialConversion)} />
          <Stat
            label="Sign-ups this month"
            value={integer.format(current.signups)}
            note="to date"
          />
          <Stat
            label="Weekly active users"
            value={report.activity ? integer.format(report.activity.weeklyActiveUsers) : "—"}
            note={report.activity ? `7 days to ${report.activity.day}` : "not computed yet"}
          />
          <Stat
            label="Weekly active workspaces"
            value={report.activity ? integer.format(report.activity.weeklyActiveWorkspaces) : "—"}
            note={report.activity ? `7 days to ${report.activity.day}` : "not computed yet"}
          />
        </dl>
      </section>

      <section aria-labelledby="mrr-heading" className="grid min-w-0 gap-3">
        <h2 id="mrr-heading" className="text-lg font-semibold">
          MRR and its movements
        </h2>
        <div className="grid min-w-0 gap-4 lg:grid-cols-2">
          <figure className="grid min-w-0 gap-1">
            <figcaption className="text-sm text-muted-foreground">
              MRR at the end of each month (the table below has the figures)
            </figcaption>
            <MrrChart months={chart} />
          </figure>
          <figure className="grid min-w-0 gap-1">
            <figcaption className="text-sm text-muted-foreground">
              MRR movements per month: gains above the line, losses below
            </figcaption>
            <MovementsChart months={chart} />
          </figure>
        </div>
        <RevenueTable
          id="mrr-movements"
          caption="MRR movements per month"
          columns={MOVEMENT_COLUMNS}
          rows={report.months}
        />
      </section>

      <section aria-labelledby="retention-heading" className="grid min-w-0 gap-3">
        <h2 id="retention-heading" className="text-lg font-semibold">
          Customers, churn and retention
        </h2>
        <figure className="grid min-w-0 gap-1 lg:max-w-2xl">
          <figcaption className="text-sm text-muted-foreground">
            Paying customers at the end of each month
          </figcaption>
          <CustomersChart months={chart} />
        </figure>
        <RevenueTable
          id="retention"
          caption="Customers, churn and retention per month"
          columns={RETENTION_COLUMNS}
          rows={report.months}
        />
      </section>

      <section aria-labelledby="funnel-heading" className="grid min-w-0 gap-3">
        <h2 id="funnel-heading" className="text-lg font-semibold">
          Trials, sign-ups and activity
        </h2>
        <RevenueTable
          id="funnel"
          caption="Trials, sign-ups and weekly activity per month"
          columns={FUNNEL_COLUMNS}
          rows={report.months}
        />
      </section>

      <section aria-labelledby="plans-heading" className="grid min-w-0 gap-3">
        <h2 id="plans-heading" className="text-lg font-semibold">
          Customers per plan
        </h2>
        <div
          role="region"
          aria-labelledby="plans-caption"
          tabIndex={0}
          className="max-w-full overflow-x-auto rounded-lg border"
        >
          <table className="w-full text-left text-sm">
            <caption id="plans-caption" className="px-3 py-2 text-left font-medium">
              Paying customers and MRR per plan now
            </caption>
            <thead className="border-t bg-muted/50 text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Plan
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Paying customers
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  MRR
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Share of MRR
                </th>
              </tr>
            </thead>
            <tbody className="divide-y border-t">
              {report.plans.length === 0 ? (
                <tr>
                  <td colSpan={4} className="px-3 py-4 text-muted-foreground">
                    No paying customers.
                  </td>
                </tr>
              ) : (
                report.plans.map((plan) => (
                  <tr key={plan.planId}>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      {isPlanId(plan.planId) ? PLANS[plan.planId].name : plan.planId}
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {integer.format(plan.customers)}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {formatMoney(plan.mrrCents)}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {formatRate(report.mrrCents > 0 ? plan.mrrCents / report.mrrCents : null)}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="definitions-heading" className="grid gap-3 text-sm">
        <h2 id="definitions-heading" className="text-lg font-semibold">
          Definitions
        </h2>
        <dl className="grid gap-3">
          {DEFINITIONS.map(([term, text]) => (
            <div key={term}>
              <dt className="font-medium">{term}</dt>
              <dd className="text-muted-foreground">{text}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

const DEFINITIONS: [string, string][] = [
  [
    "Source",
    "Everything here comes from the append-only subscription history (one row per change of what a workspace pays for, dated by Stripe's clock), summed into daily rollups. Nothing is read from Stripe when this page loads.",
  ],
  [
    "MRR",
    "Monthly recurring revenue: the list price of each subscription times its seats, while it is active or past due. Trials, unpaid, paused and cancelled subscriptions count 0. Operator-granted Enterprise contracts count at the amount recorded with them.",
  ],
  [
    "Annual plans",
    "Normalised to a month: a yearly price counts one twelfth of it in MRR (rounded to the cent), from the day it starts, not when the invoice is paid. ARR is MRR × 12.",
  ],
  [
    "Coupons and refunds",
    "Neither changes MRR. The history records the price and seats, not discounts, so a coupon does not lower MRR; a refund is money returned once, not a recurring change. A cancellation that follows a refund counts as churn when the subscription stops.",
  ],
  [
    "New, expansion, contraction, churned, reactivated",
    "Each history row moves MRR from the workspace's previous row: new is its first revenue ever, reactivated is revenue again after having had some and dropped to 0, expansion and contraction are MRR going up or down while paying (upgrades, downgrades, seats, monthly to yearly), churned is MRR going to 0. Net new MRR is new + expansion + reactivation − contraction − churned.",
  ],
  [
    "Churn",
    "A paying workspace churns when its MRR reaches 0: the subscription ended, or became unpaid. A cancellation at period end is not churn until the period ends. Past due still counts as paying.",
  ],
  [
    "Paying customers and ARPA",
    "A paying customer is a workspace with MRR above 0. ARPA (average revenue per account) is MRR ÷ paying customers at the end of the month.",
  ],
  [
    "Logo churn and revenue churn",
    "Logo churn is the customers who churned in the month ÷ paying customers at its start. Revenue churn is (churned + contraction MRR) ÷ MRR at the start of the month.",
  ],
  [
    "NRR and GRR",
    "Net revenue retention is (MRR at start + expansion − contraction − churned) ÷ MRR at start; gross revenue retention leaves expansion out. New and reactivated MRR never count. Movements of customers who started paying within the month are included (the rollups are daily sums, not per-customer cohorts).",
  ],
  [
    "Trial-to-paid conversion",
    "Of the trials that ended in the month, the share whose next state was paying (MRR above 0). A trial that ended cancelled, expired or unpaid counts as not converted.",
  ],
  [
    "Sign-ups and weekly actives",
    "Sign-ups are accounts created. Weekly active users are people who, in the 7 days ending that day, signed in or used a session, posted a problem, voted or commented. Weekly active workspaces had a problem posted, voted on or commented on, or a session used with the workspace active. The month's figure is its last day's; days are computed hourly and frozen once past.",
  ],
];
