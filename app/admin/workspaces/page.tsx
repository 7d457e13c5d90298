// GET /admin/workspaces – every workspace with plan, status, seats, MRR and Stripe ids; search, filter, sort
import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, cell } from "@/components/admin/admin-table";
import { adminLink, money, StripeIdLink } from "@/components/admin/customer-tables";
import {
  firstParam,
  NextPageLink,
  SearchError,
  SearchFilterForm,
  searchOrError,
} from "@/components/admin/search-filter-form";
import {
  searchWorkspaces,
  WORKSPACE_SORTS,
  WORKSPACE_STATUSES,
} from "@/lib/admin/search-workspaces";
import { PLAN_IDS } from "@/lib/billing/plans";
import { stripeDashboardUrl } from "@/lib/billing/stripe";
import { requireAdmin } from "../admin-session";

export const metadata: Metadata = { title: "Workspaces" };

type SearchParams = Record<string, string | string[] | undefined>;
const first = firstParam;

const STATUS_LABELS: Record<string, string> = {
  trialing: "Trialing",
  active: "Active",
  past_due: "Past due (grace over)",
  grace: "Past due, in grace",
  canceled: "Canceled",
  unpaid: "Unpaid",
  none: "Never subscribed",
};
const SORT_LABELS: Record<string, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  name: "Name (A–Z)",
  mrr: "MRR (highest first)",
};

export default async function AdminWorkspacesPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const { admin } = await requireAdmin();
  const params = await searchParams;
  const input = {
    q: first(params.q) ?? "",
    plan: first(params.plan) || "all",
    status: first(params.status) || "all",
    sort: first(params.sort) || "newest",
    cursor: first(params.cursor) || undefined,
  };
  const { result, error } = await searchOrError(() => searchWorkspaces(admin, input));
  const next = result?.nextCursor
    ? `/admin/workspaces?${new URLSearchParams({ q: input.q, plan: input.plan, status: input.status, sort: input.sort, cursor: result.nextCursor }).toString()}`
    : null;

  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Workspaces &amp; subscriptions</h1>
      <SearchFilterForm
        idPrefix="workspaces"
        className="sm:grid-cols-2 lg:grid-cols-[1fr_auto_auto_auto_auto] lg:items-end"
        query={{
          label: "Name, address, ws_, cus_ or sub_ id",
          value: input.q,
          className: "sm:col-span-2 lg:col-span-1",
        }}
        filters={[
          {
            name: "plan",
            label: "Plan",
            value: input.plan,
            options: [
              { value: "all", label: "Any plan" },
              ...PLAN_IDS.map((plan) => ({
                value: plan,
                label: plan[0]!.toUpperCase() + plan.slice(1),
              })),
            ],
          },
          {
            name: "status",
            label: "Status",
            value: input.status,
            options: [
              { value: "all", label: "Any status" },
              ...WORKSPACE_STATUSES.map((status) => ({
                value: status,
                label: STATUS_LABELS[status] ?? status,
              })),
            ],
          },
          {
            name: "sort",
            label: "Sort",
            value: input.sort,
            options: WORKSPACE_SORTS.map((sort) => ({
              value: sort,
              label: SORT_LABELS[sort] ?? sort,
            })),
          },
        ]}
      />
      <SearchError error={error} />
      {result ? (
        <AdminTable
          caption={`Workspaces, ${SORT_LABELS[result.search.sort]?.toLowerCase()}${input.q ? ` matching “${input.q}”` : ""}`}
          headers={[
            "Workspace",
            "Plan",
            "Status",
            "Seats",
            "MRR",
            "Stripe customer",
            "Subscription",
          ]}
          empty={result.rows.length === 0 ? "No workspaces match." : null}
        >
          {result.rows.map((row) => (
            <tr key={row.id}>
              <td className={cell}>
                <Link href={`/admin/workspaces/${row.id}`} className={adminLink}>
                  {row.name}
                </Link>
                <span className="block text-xs text-muted-foreground">{row.slug}</span>
              </td>
              <td className={cell}>
                {row.planId}
                {row.billingInterval ? `, ${row.billingInterval}` : ""}
              </td>
              <td className={cell}>
                {STATUS_LABELS[row.status] ?? row.status}
                {row.cancelAtPeriodEnd ? " (cancels at period end)" : ""}
              </td>
              <td className={cell}>{row.seats}</td>
              <td className={`${cell} whitespace-nowrap`}>{money(row.mrrCents)}</td>
              <td className={`${cell} max-w-48`}>
                <StripeIdLink
                  id={row.stripeCustomerId}
                  href={
                    row.stripeCustomerId
                      ? stripeDashboardUrl("customers", row.stripeCustomerId)
                      : null
                  }
                />
              </td>
              <td className={`${cell} max-w-48`}>
                <StripeIdLink
                  id={row.stripeSubscriptionId}
                  href={
                    row.stripeSubscriptionId
                      ? stripeDashboardUrl("subscriptions", row.stripeSubscriptionId)
                      : null
                  }
                />
              </td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
      <NextPageLink href={next} />
    </div>
  );
}
