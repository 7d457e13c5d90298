// GET /admin/workspaces/{id} – one workspace's subscription, history and Stripe actions (pending until the webhook)
import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import type { ComponentProps, ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminActionForm } from "@/components/admin/admin-action-form";
import { AdminTable, cell, Time } from "@/components/admin/admin-table";
import {
  AuditEntriesTable,
  MembersTable,
  money,
  StripeEventsTable,
  SubscriptionHistoryTable,
  WorkspaceAccountDetails,
} from "@/components/admin/customer-tables";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getWorkspaceDetail } from "@/lib/admin/get-workspace-detail";
import type { PendingActionView } from "@/lib/admin/pending-actions";
import { displayStatus } from "@/lib/admin/search-workspaces";
import { LIVE_STATUSES } from "@/lib/billing/projection";
import { stripeDashboardUrl } from "@/lib/billing/stripe";
import { now } from "@/lib/clock";
import { isAppError } from "@/lib/errors";
import { ReauthForm } from "@/components/admin/reauth-form";
import { sessionFreshness } from "@/lib/admin/fresh-session";
import { reauthenticateAction } from "../../actions";
import { requireAdmin } from "../../admin-session";
import {
  applyCouponAction,
  cancelSubscriptionAction,
  extendTrialAction,
  grantContractAction,
  refundAction,
  switchPlanAction,
} from "../actions";

export const metadata: Metadata = { title: "Workspace" };

/** An action still waiting for its webhook after this long is worth a look at /admin/health. */
const OVERDUE_MS = 10 * 60_000;

async function load(admin: Parameters<typeof getWorkspaceDetail>[0], workspaceId: string) {
  try {
    return await getWorkspaceDetail(admin, workspaceId);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

const ACTION_LABELS: Record<string, string> = {
  cancel_at_period_end: "Cancel at period end",
  cancel_now: "Cancel now",
  extend_trial: "Extend trial",
  apply_coupon: "Apply coupon",
  refund: "Refund",
  switch_plan: "Switch plan",
};

function describe(action: PendingActionView): string {
  const d = action.details;
  if (action.action === "refund" && typeof d.amountCents === "number") {
    return `${money(d.amountCents)}${d.full ? " (full)" : ""}`;
  }
  if (action.action === "extend_trial" && typeof d.to === "string") {
    return `until ${d.to.slice(0, 10)}`;
  }
  if (action.action === "apply_coupon" && typeof d.couponId === "string") return d.couponId;
  if (action.action === "switch_plan" && d.to && typeof d.to === "object") {
    const to = d.to as { planId?: string; interval?: string; seats?: number };
    return `${to.planId}, ${to.interval}, ${to.seats} seats`;
  }
  return "—";
}

function stateOf(action: PendingActionView, at: Date) {
  if (action.state === "applied") return "Applied";
  if (action.state === "failed") return "Webhook failed (see System health)";
  return at.getTime() - action.createdAt.getTime() > OVERDUE_MS
    ? "Pending: no webhook yet (see System health)"
    : "Pending: waiting for Stripe's webhook";
}

/** One action of the Actions section: a card titled by what it does, holding its form. */
function ActionCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h3>{title}</h3>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">{children}</CardContent>
    </Card>
  );
}

type StripeForm = Omit<ComponentProps<typeof AdminActionForm>, "hidden"> & {
  title: string;
  show: boolean;
};

export default async function AdminWorkspacePage({
  params,
}: {
  params: Promise<{ workspaceId: string }>;
}) {
  const { admin, session } = await requireAdmin();
  const { workspaceId } = await params;
  const freshness = await sessionFreshness(session.session);
  const detail = await load(admin, workspaceId);
  const { workspace, account, payment } = detail;
  const at = now();
  const status = account ? displayStatus(account.status, account.pastDueSince) : "none";
  const live = Boolean(account?.stripeSubscriptionId && LIVE_STATUSES.includes(account.status));
  const trialing = live && account?.status === "trialing";
  const hidden = () => ({ workspaceId: workspace.id, submissionId: randomUUID() });
  const reasonHint = "Each action goes to Stripe; the plan below changes when its webhook arrives.";
  // The actions on a live Stripe subscription, in the order the page shows them.
  const stripeForms: StripeForm[] = [
    {
      show: live,
      title: "Cancel the subscription",
      id: "cancel",
      action: cancelSubscriptionAction,
      submitLabel: "Cancel subscription",
      destructive: true,
      fields: [
        {
          name: "when",
          label: "When it ends",
          options: [
            { value: "period_end", label: "At the end of the current period" },
            { value: "now", label: "Now (no refund by itself)" },
          ],
          defaultValue: "period_end",
        },
      ],
    },
    {
      show: trialing,
      title: "Extend the trial",
      id: "trial",
      action: extendTrialAction,
      submitLabel: "Extend trial",
      fields: [
        {
          name: "trialEnd",
          label: "New last day of the trial",
          type: "date",
          hint: "The trial runs through the end of this day (UTC).",
          required: true,
        },
      ],
    },
    {
      show: live,
      title: "Apply a coupon",
      id: "coupon",
      action: applyCouponAction,
      submitLabel: "Apply coupon",
      fields: [
        {
          name: "couponId",
          label: "Stripe coupon id",
          hint: "A coupon created in the Stripe Dashboard; it replaces any other.",
          required: true,
        },
      ],
    },
    {
      show: live,
      title: "Switch plan",
      id: "switch",
      action: switchPlanAction,
      submitLabel: "Switch plan",
      fields: [
        {
          name: "planId",
          label: "Plan",
          options: [
            { value: "pro", label: "Pro" },
            { value: "team", label: "Team (per seat, at least 3)" },
          ],
          defaultValue: account?.planId === "team" ? "team" : "pro",
        },
        {
          name: "interval",
          label: "Billing interval",
          options: [
            { value: "monthly", label: "Monthly" },
            { value: "yearly", label: "Yearly" },
          ],
          defaultValue: account?.billingInterval ?? "monthly",
        },
        {
          name: "seats",
          label: "Seats (Team only)",
          type: "number",
          inputMode: "numeric",
          hint: "Empty keeps the current number (at least 3 on Team).",
        },
      ],
    },
  ];

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <p className="text-sm">
          <Link href="/admin/workspaces" className="underline underline-offset-4">
            Workspaces
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight break-words">
          {workspace.name}
          {workspace.personal ? " (personal)" : ""}
        </h1>
      </div>

      <section aria-labelledby="subscription" className="grid gap-2">
        <h2 id="subscription" className="text-lg font-semibold">
          Subscription
        </h2>
        <WorkspaceAccountDetails
          workspace={workspace}
          account={account}
          status={status}
          dashboard={{
            customer: account?.stripeCustomerId
              ? stripeDashboardUrl("customers", account.stripeCustomerId)
              : null,
            subscription: account?.stripeSubscriptionId
              ? stripeDashboardUrl("subscriptions", account.stripeSubscriptionId)
              : null,
          }}
        />
        <p className="text-sm">
          <span className="text-muted-foreground">Coupon in Stripe: </span>
          {detail.coupon ?? "none"}
        </p>
      </section>

      <AdminTable
        caption="Console actions (newest 20): pending until Stripe's webhook has been processed"
        headers={["Requested", "Action", "Details", "State", "Stripe object"]}
        empty={detail.pending.length === 0 ? "No console actions on this workspace yet." : null}
      >
        {detail.pending.map((action) => (
          <tr key={action.id}>
            <td className={cell}>
              <Time at={action.createdAt} />
            </td>
            <td className={cell}>{ACTION_LABELS[action.action] ?? action.action}</td>
            <td className={`${cell} break-words`}>{describe(action)}</td>
            <td className={cell}>
              {stateOf(action, at)}
              {action.appliedAt ? (
                <>
                  {" "}
                  <Time at={action.appliedAt} />
                </>
              ) : null}
            </td>
            <td className={`${cell} break-all`}>{action.stripeObjectId ?? "—"}</td>
          </tr>
        ))}
      </AdminTable>

      <section aria-labelledby="actions" className="grid gap-3">
        <h2 id="actions" className="text-lg font-semibold">
          Actions
        </h2>
        <p className="text-sm text-muted-foreground">{reasonHint}</p>
        {!live ? (
          <p className="text-sm">
            No live Stripe subscription: cancel, trial, coupon and plan changes need one.
          </p>
        ) : null}
        <div className="grid gap-4 md:grid-cols-2">
          {stripeForms.map(({ show, title, ...form }) =>
            show ? (
              <ActionCard key={form.id} title={title}>
                <AdminActionForm {...form} hidden={hidden()} />
              </ActionCard>
            ) : null,
          )}
          <ActionCard title="Refund the last payment">
            {payment ? (
              <p className="text-sm">
                Last payment: {money(payment.amountCents)} on <Time at={payment.createdAt} />,{" "}
                {money(payment.refundedCents)} refunded so far.
              </p>
            ) : (
              <p className="text-sm">
                {detail.paymentError
                  ? `Couldn't read payments from Stripe: ${detail.paymentError}`
                  : "No payment to refund."}
              </p>
            )}
            {payment && payment.refundableCents > 0 && !freshness.fresh ? (
              <div className="grid gap-2 rounded-md border p-4">
                <p className="text-sm">
                  A refund needs a fresh sign-in: your session is older than 15 minutes. Re-enter
                  your password to open it for 15 minutes.
                </p>
                <ReauthForm action={reauthenticateAction} />
              </div>
            ) : null}
            {payment && payment.refundableCents > 0 && freshness.fresh ? (
              <AdminActionForm
                id="refund"
                action={refundAction}
                hidden={hidden()}
                submitLabel="Refund"
                destructive
                fields={[
                  {
                    name: "amount",
                    label: "Amount in dollars",
                    inputMode: "decimal",
                    hint: `Empty refunds the rest in full (${money(payment.refundableCents)}).`,
                  },
                ]}
              />
            ) : null}
          </ActionCard>
          <ActionCard title="Grant an Enterprise contract">
            <p className="text-sm text-muted-foreground">
              Sales-led, invoiced outside Stripe checkout: takes effect at once. Cancel a live
              Stripe subscription first.
            </p>
            <AdminActionForm
              id="contract"
              action={grantContractAction}
              hidden={hidden()}
              submitLabel="Grant contract"
              fields={[
                {
                  name: "seats",
                  label: "Seats",
                  type: "number",
                  inputMode: "numeric",
                  required: true,
                },
                {
                  name: "monthlyAmount",
                  label: "Contract value a month, in dollars",
                  inputMode: "decimal",
                  hint: "Counts as MRR in revenue analytics.",
                  required: true,
                },
              ]}
            />
          </ActionCard>
        </div>
      </section>

      <MembersTable rows={detail.people} />
      <SubscriptionHistoryTable rows={detail.history} />
      <StripeEventsTable rows={detail.events} />
      <AuditEntriesTable caption="Audit entries (newest 20)" rows={detail.audit} />
    </div>
  );
}
