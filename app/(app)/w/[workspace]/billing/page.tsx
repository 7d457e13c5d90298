import type { Metadata } from "next";
import Link from "next/link";
import { ChoosePlanForm, ManageBillingForm } from "@/components/billing/checkout-forms";
import { UsageMeters } from "@/components/billing/usage-meters";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { principalOf, requireSession } from "@/lib/auth/session";
import { describeBillingStatus } from "@/lib/billing/display";
import { getBillingOverview } from "@/lib/billing/get-billing-overview";
import {
  billingIntervalSchema,
  formatPlanPrice,
  formatPrice,
  getPlan,
  isPlanId,
  PLANS,
  type BillingInterval,
} from "@/lib/billing/plans";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "Billing" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const TONE: Record<string, "default" | "secondary" | "destructive" | "outline"> = {
  good: "default",
  neutral: "secondary",
  warning: "outline",
  danger: "destructive",
};

export default async function BillingPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug } = await params;
  const query = await searchParams;
  const session = await requireSession(`/w/${slug}/billing`);
  const principal = principalOf(session);
  const workspace = await getWorkspaceBySlug(principal, slug);
  const { state, meters, canManage, configured } = await getBillingOverview(
    principal,
    workspace.workspaceId,
  );
  const plan = getPlan(state.planId);
  const effective = getPlan(state.effectivePlanId);
  const status = describeBillingStatus({
    status: state.status,
    planName: plan.name,
    effectivePlanName: effective.name,
    currentPeriodEnd: state.currentPeriodEnd,
    trialEnd: state.trialEnd,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    graceEndsAt: state.graceEndsAt,
  });
  const shownPlan = state.hasSubscription ? plan : effective;
  const interval = billingIntervalSchema.safeParse(state.interval);
  const requestedPlan = first(query.plan);
  const requestedInterval = billingIntervalSchema.catch("monthly").parse(first(query.interval));
  const seatsUsed = meters.find((meter) => meter.metric === "seats")?.used ?? 1;

  return (
    <div className="grid gap-8">
      <div className="grid gap-1">
        <Link
          href={`/w/${slug}`}
          className="text-sm text-muted-foreground underline-offset-4 hover:underline"
        >
          ← {workspace.workspaceName}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Billing</h1>
      </div>

      {first(query.checkout) === "canceled" ? (
        <Alert role="status">
          <AlertDescription>Checkout was canceled. Nothing was charged.</AlertDescription>
        </Alert>
      ) : null}
      {!configured ? (
        <Alert role="status">
          <AlertDescription>Billing is not configured on this server.</AlertDescription>
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Current plan</h2>
          </CardTitle>
          <CardDescription>
            What {workspace.workspaceName} is on and what happens next.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-2xl font-semibold" data-testid="current-plan">
              {shownPlan.name}
            </p>
            <Badge variant={TONE[status.tone]}>{status.label}</Badge>
          </div>
          {state.hasSubscription && interval.success ? (
            <p className="text-sm text-muted-foreground">
              {formatPlanPrice(plan, interval.data)}
              {plan.perSeat
                ? ` × ${state.seats} seats = ${formatPrice(state.amountCents)} / ${unit(interval.data)}`
                : ""}
            </p>
          ) : null}
          {status.detail ? <p className="text-sm">{status.detail}</p> : null}
          {canManage && configured && state.hasCustomer ? (
            <div className="grid gap-2">
              <ManageBillingForm workspaceId={workspace.workspaceId} />
              <p className="text-xs text-muted-foreground">
                Change plan or seats, update your card, cancel, and download invoices on Stripe.
              </p>
            </div>
          ) : null}
          {!canManage ? (
            <p className="text-sm text-muted-foreground">
              Only owners and admins can change the plan. Ask an owner or admin to upgrade.
            </p>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Usage</h2>
          </CardTitle>
          <CardDescription>Against the limits of the {effective.name} plan.</CardDescription>
        </CardHeader>
        <CardContent>
          <UsageMeters meters={meters} />
        </CardContent>
      </Card>

      {canManage && configured && !state.hasSubscription ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Choose a plan</h2>
            </CardTitle>
            <CardDescription>
              Pro and Team start with a {PLANS.pro.trialDays}-day free trial the first time this
              workspace subscribes. Compare everything on the{" "}
              <Link href="/pricing" className="underline underline-offset-4">
                pricing page
              </Link>
              .
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ChoosePlanForm
              workspaceId={workspace.workspaceId}
              plans={(["pro", "team"] as const).map((id) => ({
                value: id,
                label: PLANS[id].name,
                description: `${formatPlanPrice(PLANS[id], "monthly")} or ${formatPlanPrice(PLANS[id], "yearly")}`,
              }))}
              intervals={[
                { value: "monthly", label: "Monthly" },
                { value: "yearly", label: "Yearly", description: yearlySavings() },
              ]}
              defaultPlan={
                isPlanId(requestedPlan) && (requestedPlan === "pro" || requestedPlan === "team")
                  ? requestedPlan
                  : "pro"
              }
              defaultInterval={requestedInterval}
              minSeats={Math.max(PLANS.team.minSeats, seatsUsed)}
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}

/** "2 months free": what paying yearly saves on Pro (Team has the same ratio). */
function yearlySavings(): string | undefined {
  const prices = PLANS.pro.prices;
  if (!prices || prices.monthly === 0) return undefined;
  const months = 12 - prices.yearly / prices.monthly;
  return months > 0 ? `${months} months free` : undefined;
}

function unit(interval: BillingInterval) {
  return interval === "monthly" ? "month" : "year";
}
