import type { Metadata } from "next";
import Link from "next/link";
import { Check, Minus } from "lucide-react";

import { PlanCheckoutButton } from "@/components/billing/checkout-forms";
import { BillingIntervalToggle } from "@/components/marketing/billing-interval-toggle";
import { ContactSalesForm } from "@/components/marketing/contact-sales-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader } from "@/components/ui/card";
import { hasPermission } from "@/lib/auth/permissions";
import { getSession, principalOf } from "@/lib/auth/session";
import { getBillingStatus, type BillingStatus } from "@/lib/billing/get-billing-status";
import {
  NOT_INCLUDED,
  PLAN_FEATURE_ROWS,
  PLANS,
  billingIntervalSchema,
  formatPlanPrice,
  formatPrice,
  listPlans,
  type BillingInterval,
  type Plan,
} from "@/lib/billing/plans";
import { COMING_SOON_ATTRIBUTE, getCapability, isLive } from "@/lib/content/features";
import { isAppError } from "@/lib/errors";
import { cn } from "@/lib/utils";
import { getCurrentWorkspace } from "@/lib/workspaces/get-current-workspace";

/** Months of the yearly price that are free compared with paying monthly (Pro: 2). */
function monthsFree(plan: Plan): number {
  if (!plan.prices || plan.prices.monthly === 0) return 0;
  return 12 - plan.prices.yearly / plan.prices.monthly;
}

const YEARLY_MONTHS_FREE = monthsFree(PLANS.pro);

export const metadata: Metadata = {
  title: "Pricing",
  description: `Problemboard plans: Free, Pro (${formatPlanPrice(PLANS.pro, "monthly")}), Team (${formatPlanPrice(PLANS.team, "monthly")}) and Enterprise. Pro and Team include a ${PLANS.pro.trialDays}-day free trial; yearly billing gets ${YEARLY_MONTHS_FREE} months free.`,
};

const SALES_HREF = "#contact-sales";

/** The signed-in visitor's current workspace and its plan, for marking and buying plans. */
interface Viewer {
  name: string;
  email: string;
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
  canManageBilling: boolean;
  billing: BillingStatus;
}

async function loadViewer(): Promise<Viewer | null> {
  const session = await getSession();
  if (!session) return null;
  const principal = principalOf(session);
  const workspace = await getCurrentWorkspace(
    principal,
    session.session.activeOrganizationId,
  ).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  });
  if (!workspace) return null;
  return {
    name: session.user.name,
    email: session.user.email,
    workspaceId: workspace.workspaceId,
    workspaceSlug: workspace.workspaceSlug,
    workspaceName: workspace.workspaceName,
    canManageBilling: hasPermission(workspace.role, "billing:manage"),
    billing: await getBillingStatus(principal, workspace.workspaceId),
  };
}

/** A comparison row the product delivers today (no capability, or a live one). */
const rowIsLive = (row: (typeof PLAN_FEATURE_ROWS)[number]) =>
  row.capability === undefined || isLive(row.capability);
const LIVE_ROWS = PLAN_FEATURE_ROWS.filter(rowIsLive);
const COMING_SOON_ROWS = PLAN_FEATURE_ROWS.filter((row) => !rowIsLive(row));

/** Limits highlighted on each plan card (live ones only); the table below has them all. */
const CARD_ROW_KEYS = ["boards", "problemsPerMonth", "seats", "auditLog", "trial"];
const CARD_ROWS = LIVE_ROWS.filter((row) => CARD_ROW_KEYS.includes(row.key));

/** What paying more buys, in the hero: only what is live. */
const UPGRADE_BUYS = [
  "more boards",
  "more teammates",
  ...(isLive("auditLog") ? ["an audit log"] : []),
];

/** Which counted limits reset every month, in the footnote. */
const MONTHLY_COUNTS = ["new problems", ...(isLive("restApi") ? ["API requests"] : [])];

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const UNIT: Record<BillingInterval, string> = { monthly: "month", yearly: "year" };

function FeatureValue({ value }: { value: string }) {
  if (value !== NOT_INCLUDED) return <>{value}</>;
  return (
    <>
      <span aria-hidden="true" className="text-muted-foreground">
        {NOT_INCLUDED}
      </span>
      <span className="sr-only">Not included</span>
    </>
  );
}

function CompareRow({
  row,
  plans,
  comingSoon = false,
}: {
  row: (typeof PLAN_FEATURE_ROWS)[number];
  plans: Plan[];
  comingSoon?: boolean;
}) {
  return (
    <tr className={comingSoon ? "text-muted-foreground" : undefined}>
      <th scope="row" className="px-4 py-3 font-medium">
        {row.label}
        {comingSoon ? (
          <Badge variant="outline" className="ml-2 align-middle">
            Coming soon
          </Badge>
        ) : null}
      </th>
      {plans.map((plan) => (
        <td key={plan.id} className="px-4 py-3">
          <FeatureValue value={row.value(plan)} />
        </td>
      ))}
    </tr>
  );
}

/**
 * The comparison on a phone (below `md`, where the table is hidden): one block per feature with
 * each plan's value, two plans to a line, so nothing needs scrolling sideways.
 */
function CompareList({ plans, interval }: { plans: Plan[]; interval: BillingInterval }) {
  const block = (label: string, value: (plan: Plan) => string, comingSoon = false) => (
    <div key={label} className="grid gap-2 py-4">
      <dt className="flex flex-wrap items-center gap-2 font-medium">
        {label}
        {comingSoon ? <Badge variant="outline">Coming soon</Badge> : null}
      </dt>
      <dd>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1">
          {plans.map((plan) => (
            <div key={plan.id} className="flex flex-wrap justify-between gap-x-2">
              <dt className="text-muted-foreground">{plan.name}</dt>
              <dd className={comingSoon ? "text-muted-foreground" : undefined}>
                <FeatureValue value={value(plan)} />
              </dd>
            </div>
          ))}
        </dl>
      </dd>
    </div>
  );
  return (
    <div className="mt-6 grid gap-6 text-sm md:hidden">
      <dl className="divide-y border-y">
        {block("Price", (plan) => formatPlanPrice(plan, interval))}
        {LIVE_ROWS.map((row) => block(row.label, row.value))}
      </dl>
      {COMING_SOON_ROWS.length > 0 ? (
        <div {...COMING_SOON_ATTRIBUTE} className="grid gap-2">
          <h3 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">
            Coming soon — not available yet
          </h3>
          <dl className="divide-y border-y">
            {COMING_SOON_ROWS.map((row) => block(row.label, row.value, true))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}

function PlanPrice({ plan, interval }: { plan: Plan; interval: BillingInterval }) {
  if (plan.prices === null) {
    return (
      <div className="flex flex-col gap-1">
        <p className="text-4xl font-bold tracking-tight">Custom</p>
        <p className="text-sm text-muted-foreground">Priced for your organization by our team</p>
      </div>
    );
  }

  const amount = plan.prices[interval];
  if (amount === 0) {
    return (
      <div className="flex flex-col gap-1">
        <p className="text-4xl font-bold tracking-tight">{formatPrice(0)}</p>
        <p className="text-sm text-muted-foreground">No credit card needed</p>
      </div>
    );
  }

  const unit = UNIT[interval];
  return (
    <div className="flex flex-col gap-1">
      <p className="flex flex-wrap items-baseline gap-x-1.5">
        <span className="text-4xl font-bold tracking-tight">{formatPrice(amount)}</span>
        <span className="text-sm text-muted-foreground">
          {plan.perSeat ? `per seat / ${unit}` : `/ ${unit}`}
        </span>
      </p>
      {plan.perSeat ? (
        <p className="text-sm text-muted-foreground">
          Minimum {plan.minSeats} seats ({formatPrice(amount * plan.minSeats)} / {unit})
        </p>
      ) : null}
      {interval === "yearly" ? (
        <p className="text-sm text-muted-foreground">
          Billed yearly (≈ {formatPrice(Math.round(amount / 12))}
          {plan.perSeat ? " per seat" : ""} / month)
        </p>
      ) : null}
    </div>
  );
}

function PlanCta({
  plan,
  interval,
  viewer,
}: {
  plan: Plan;
  interval: BillingInterval;
  viewer: Viewer | null;
}) {
  if (plan.salesLed) {
    return (
      <Button asChild variant="outline" className="w-full">
        <a href={SALES_HREF}>Contact sales</a>
      </Button>
    );
  }
  const trial = plan.trialDays > 0 && (!viewer || viewer.billing.status === "none");
  const label = trial ? `Start ${plan.trialDays}-day trial` : `Upgrade to ${plan.name}`;
  const paid = plan.prices !== null && plan.prices.monthly > 0;
  if (!viewer) {
    const query = new URLSearchParams(paid ? { plan: plan.id, interval } : {});
    const href = paid ? `/sign-up?${query.toString()}` : "/sign-up";
    return (
      <Button asChild variant={paid ? "default" : "outline"} className="w-full">
        <Link href={href}>
          {paid ? label : "Start free"}
          {paid ? <span className="sr-only"> on {plan.name}</span> : null}
        </Link>
      </Button>
    );
  }
  const billingHref = `/w/${viewer.workspaceSlug}/billing`;
  if (plan.id === viewer.billing.effectivePlanId || !paid || viewer.billing.hasSubscription) {
    return (
      <Button asChild variant="outline" className="w-full">
        <Link href={billingHref}>
          Manage billing<span className="sr-only"> for {viewer.workspaceName}</span>
        </Link>
      </Button>
    );
  }
  if (!viewer.canManageBilling) {
    return (
      <p className="w-full text-center text-sm text-muted-foreground">
        Ask an owner or admin to upgrade.
      </p>
    );
  }
  return (
    <PlanCheckoutButton workspaceId={viewer.workspaceId} plan={plan.id} interval={interval}>
      {label}
      {trial ? <span className="sr-only"> on {plan.name}</span> : null}
    </PlanCheckoutButton>
  );
}

function PlanCard({
  plan,
  interval,
  viewer,
}: {
  plan: Plan;
  interval: BillingInterval;
  viewer: Viewer | null;
}) {
  const current = viewer?.billing.effectivePlanId === plan.id;
  return (
    <Card className={cn("h-full w-full", current && "ring-2 ring-primary")}>
      <CardHeader className="gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="text-xl font-semibold">{plan.name}</h3>
          {current ? (
            <Badge>Current plan</Badge>
          ) : plan.trialDays > 0 ? (
            <Badge variant="secondary">{plan.trialDays}-day free trial</Badge>
          ) : null}
        </div>
        <CardDescription>{plan.tagline}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-6">
        <PlanPrice plan={plan} interval={interval} />
        <dl className="flex flex-col gap-2 text-sm">
          {CARD_ROWS.map((row) => {
            const value = row.value(plan);
            const Icon = value === NOT_INCLUDED ? Minus : Check;
            return (
              <div key={row.key} className="flex items-start justify-between gap-3">
                <dt className="flex items-start gap-2 text-muted-foreground">
                  <Icon
                    aria-hidden="true"
                    className={cn(
                      "mt-0.5 size-4 shrink-0",
                      value === NOT_INCLUDED ? "text-muted-foreground" : "text-primary",
                    )}
                  />
                  {row.label}
                </dt>
                <dd className="text-right font-medium">
                  <FeatureValue value={value} />
                </dd>
              </div>
            );
          })}
        </dl>
      </CardContent>
      <CardFooter>
        <PlanCta plan={plan} interval={interval} viewer={viewer} />
      </CardFooter>
    </Card>
  );
}

const FAQ: { question: string; answer: string }[] = [
  {
    question: "How do free trials work?",
    answer: `Pro and Team come with a ${PLANS.pro.trialDays}-day free trial the first time a workspace subscribes, with every feature of the plan. If you cancel before the trial ends, you aren't charged.`,
  },
  {
    question: "Can I change plans later?",
    answer:
      "Yes. Upgrade, downgrade, switch between monthly and yearly billing, or add and remove Team seats whenever you like from your workspace's billing settings.",
  },
  {
    question: "What happens when we reach a limit?",
    answer:
      "New creation is blocked, nothing is deleted, and you're warned by email at 80% and 100% of each limit. Everything you already have stays readable and editable; upgrade or wait for the next period to create more.",
  },
  {
    question: "Can I cancel anytime?",
    answer:
      "Yes. Cancel from your workspace's billing settings at any time. Your paid plan stays active until the end of the period you've paid for; after that the workspace moves to the Free plan and keeps its data.",
  },
];

export default async function PricingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { interval: rawInterval } = await searchParams;
  const interval = billingIntervalSchema
    .catch("monthly")
    .parse(Array.isArray(rawInterval) ? rawInterval[0] : rawInterval);
  const plans = listPlans();
  const viewer = await loadViewer();

  return (
    <>
      <section aria-labelledby="pricing-heading" className="border-b bg-muted/40">
        <div className="mx-auto flex w-full max-w-6xl flex-col items-center gap-6 px-4 py-16 text-center sm:px-6 md:py-20">
          <h1
            id="pricing-heading"
            className="text-4xl font-bold tracking-tight text-balance sm:text-5xl"
          >
            Pricing that grows with your team
          </h1>
          <p className="max-w-2xl text-lg text-pretty text-muted-foreground">
            Start free with one board. Upgrade for {listInWords(UPGRADE_BUYS)} — Pro and Team
            include a {PLANS.pro.trialDays}-day free trial.
          </p>
          <BillingIntervalToggle
            value={interval}
            yearlyNote={YEARLY_MONTHS_FREE > 0 ? `${YEARLY_MONTHS_FREE} months free` : undefined}
          />
        </div>
      </section>

      <section aria-labelledby="plans-heading" className="py-12 md:py-16">
        <div className="mx-auto w-full max-w-6xl px-4 sm:px-6">
          <h2 id="plans-heading" className="sr-only">
            Plans, billed {interval}
          </h2>
          <ul className="grid gap-6 md:grid-cols-2 lg:grid-cols-4">
            {plans.map((plan) => (
              <li key={plan.id} className="flex">
                <PlanCard plan={plan} interval={interval} viewer={viewer} />
              </li>
            ))}
          </ul>
          {viewer ? (
            <p className="mt-6 text-center text-sm text-muted-foreground">
              Showing the plan of <span className="font-medium">{viewer.workspaceName}</span>.
              Switch workspaces in the app to buy for another one.
            </p>
          ) : null}
          <p className="mt-6 text-center text-sm text-muted-foreground">
            Prices in US dollars. Limits apply per workspace; {listInWords(MONTHLY_COUNTS)}{" "}
            {MONTHLY_COUNTS.length === 1 ? "are" : "are each"} counted per month.
          </p>
        </div>
      </section>

      <section aria-labelledby="compare-heading" className="border-t py-12 md:py-16">
        <div className="mx-auto w-full max-w-6xl px-4 sm:px-6">
          <h2 id="compare-heading" className="text-2xl font-bold tracking-tight sm:text-3xl">
            Compare plans
          </h2>
          <div
            role="region"
            aria-labelledby="compare-heading"
            tabIndex={0}
            className="mt-8 hidden overflow-x-auto rounded-xl border outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 md:block"
          >
            <table className="w-full min-w-[44rem] border-collapse text-left text-sm">
              <caption className="sr-only">
                Features and limits of each plan, with prices billed {interval}
              </caption>
              <thead className="bg-muted/40">
                <tr className="border-b">
                  <th scope="col" className="px-4 py-3 font-medium text-muted-foreground">
                    Feature
                  </th>
                  {plans.map((plan) => (
                    <th key={plan.id} scope="col" className="px-4 py-3 font-semibold">
                      {plan.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y">
                <tr>
                  <th scope="row" className="px-4 py-3 font-medium">
                    Price
                  </th>
                  {plans.map((plan) => (
                    <td key={plan.id} className="px-4 py-3">
                      {formatPlanPrice(plan, interval)}
                    </td>
                  ))}
                </tr>
                {LIVE_ROWS.map((row) => (
                  <CompareRow key={row.key} row={row} plans={plans} />
                ))}
              </tbody>
              {COMING_SOON_ROWS.length > 0 ? (
                <tbody className="divide-y border-t" {...COMING_SOON_ATTRIBUTE}>
                  <tr className="bg-muted/40">
                    <th
                      scope="colgroup"
                      colSpan={plans.length + 1}
                      className="px-4 py-2 text-xs font-semibold tracking-wide text-muted-foreground uppercase"
                    >
                      Coming soon — not available yet
                    </th>
                  </tr>
                  {COMING_SOON_ROWS.map((row) => (
                    <CompareRow key={row.key} row={row} plans={plans} comingSoon />
                  ))}
                </tbody>
              ) : null}
            </table>
          </div>
          <CompareList plans={plans} interval={interval} />
        </div>
      </section>

      <section
        id="contact-sales"
        aria-labelledby="contact-sales-heading"
        className="scroll-mt-20 border-t py-12 md:py-16"
      >
        <div className="mx-auto grid w-full max-w-3xl gap-6 px-4 sm:px-6">
          <div className="grid gap-2">
            <h2
              id="contact-sales-heading"
              className="text-2xl font-bold tracking-tight sm:text-3xl"
            >
              Contact sales
            </h2>
            <p className="text-muted-foreground">
              Enterprise includes custom limits, and terms and invoicing that fit your procurement.
              {isLive("sso") ? (
                <> It also includes {getCapability("sso").name}.</>
              ) : (
                <span {...COMING_SOON_ATTRIBUTE}> {getCapability("sso").name} is coming soon.</span>
              )}{" "}
              Tell us what you need.
            </p>
          </div>
          <ContactSalesForm name={viewer?.name} email={viewer?.email} />
        </div>
      </section>

      <section aria-labelledby="faq-heading" className="border-t bg-muted/40 py-12 md:py-16">
        <div className="mx-auto w-full max-w-3xl px-4 sm:px-6">
          <h2 id="faq-heading" className="text-2xl font-bold tracking-tight sm:text-3xl">
            Frequently asked questions
          </h2>
          <div className="mt-8 flex flex-col gap-8">
            {FAQ.map((item) => (
              <div key={item.question} className="flex flex-col gap-2">
                <h3 className="text-lg font-semibold">{item.question}</h3>
                <p className="text-muted-foreground">{item.answer}</p>
              </div>
            ))}
          </div>
          <p className="mt-10 text-muted-foreground">
            More questions? Read{" "}
            <Link href="/help/billing-and-plans" className="font-medium text-foreground underline">
              Billing and plans
            </Link>{" "}
            in the help center, or email{" "}
            <a
              href="mailto:sales@problemboard.dev"
              className="font-medium text-foreground underline"
            >
              sales@problemboard.dev
            </a>
            .
          </p>
        </div>
      </section>
    </>
  );
}
