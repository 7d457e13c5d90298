import type { Metadata } from "next";
import Link from "next/link";
import {
  ArrowBigUp,
  ArrowRight,
  BellRing,
  Gauge,
  Hourglass,
  Megaphone,
  MessagesSquare,
  SquareKanban,
  type LucideIcon,
} from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { formatPrice, listPlans, type Plan } from "@/lib/billing/plans";
import {
  COMING_SOON_ATTRIBUTE,
  comingSoon,
  liveOnly,
  type CapabilityId,
} from "@/lib/content/features";

export const metadata: Metadata = {
  title: { absolute: "Problemboard — Hear the problems behind the feature requests" },
  description:
    "Problemboard is a problem-first feedback board. Give customers a public board to describe what gets in their way, let them vote and discuss, and triage every problem from open to solved.",
};

type BadgeVariant = "default" | "secondary" | "outline" | "destructive";

const statuses: { label: string; variant: BadgeVariant }[] = [
  { label: "Open", variant: "outline" },
  { label: "Under review", variant: "secondary" },
  { label: "Planned", variant: "secondary" },
  { label: "In progress", variant: "default" },
  { label: "Solved", variant: "default" },
  { label: "Closed", variant: "outline" },
];

const exampleProblems: { title: string; votes: number; comments: number; status: string }[] = [
  {
    title: "Exporting a monthly report takes more than a minute",
    votes: 128,
    comments: 23,
    status: "Planned",
  },
  {
    title: "I can't tell which invoices my accountant has already seen",
    votes: 74,
    comments: 11,
    status: "Under review",
  },
  {
    title: "Teammates miss mentions buried in long threads",
    votes: 41,
    comments: 9,
    status: "In progress",
  },
  {
    title: "CSV import fails silently when a row is malformed",
    votes: 23,
    comments: 4,
    status: "Solved",
  },
];

/** "Free, Pro ($29/mo), Team ($12/seat/mo) and Enterprise plans", from the plan catalog. */
function plansInWords(plans: Plan[]): string {
  const names = plans.map((plan) => {
    const monthly = plan.prices?.monthly ?? 0;
    if (monthly === 0) return plan.name;
    return `${plan.name} (${formatPrice(monthly)}/${plan.perSeat ? "seat/" : ""}mo)`;
  });
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)} plans`;
}

// Each card's bullets are capability summaries from lib/content/features.ts; only live ones show.
const features: {
  icon: LucideIcon;
  title: string;
  description: string;
  capabilities: CapabilityId[];
  extraPoints?: string[];
}[] = [
  {
    icon: Megaphone,
    title: "Public boards for problems, not wish lists",
    description:
      "Open a public board for your product and invite customers to describe what gets in their way — in their own words, before anyone jumps to a solution.",
    capabilities: ["problemBoards", "publicBoards", "search"],
  },
  {
    icon: MessagesSquare,
    title: "Voting and discussion that surface what matters",
    description:
      "Customers upvote the problems they share and add context in the comments, so duplicate requests become evidence instead of noise.",
    capabilities: ["votes", "comments", "analytics"],
  },
  {
    icon: SquareKanban,
    title: "A triage workflow your team will actually use",
    description:
      "Move every problem through a clear lifecycle. Everyone following a problem gets an email when its status changes, so customers know they were heard.",
    capabilities: ["statuses", "followerEmails", "moderation"],
  },
  {
    icon: Gauge,
    title: "Built to grow with your team",
    description:
      "Start free, then upgrade when you need more boards, more teammates and a record of who changed what.",
    capabilities: ["roles", "usageMeters", "auditLog", "restApi", "sso"],
    extraPoints: [plansInWords(listPlans())],
  },
];

const steps: { title: string; description: string }[] = [
  {
    title: "Create your workspace",
    description:
      "Sign up, name your workspace and open your first public board. The Free plan needs no credit card.",
  },
  {
    title: "Share the board with customers",
    description:
      "Link to it from your app, help center or emails. Customers post problems, vote on the ones they share and discuss the details.",
  },
  {
    title: "Triage and close the loop",
    description:
      "Review what's rising, set a status and ship. Followers are emailed as problems move from open to solved.",
  },
];

function statusVariant(label: string): BadgeVariant {
  return statuses.find((status) => status.label === label)?.variant ?? "outline";
}

/** What is not built yet, from lib/content/features.ts: said plainly, never sold as included. */
function ComingSoon() {
  const upcoming = comingSoon();
  if (upcoming.length === 0) return null;
  return (
    <div {...COMING_SOON_ATTRIBUTE} className="mt-6 rounded-xl border border-dashed p-6 md:p-8">
      <p className="flex items-center gap-2 font-semibold">
        <Hourglass aria-hidden="true" className="size-5 text-muted-foreground" />
        Coming soon
      </p>
      <p className="mt-1 text-sm text-muted-foreground">
        Not available yet — we&apos;ll announce each one when it ships.
      </p>
      <ul className="mt-4 grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {upcoming.map(({ id, capability }) => (
          <li key={id} className="flex flex-col gap-0.5">
            <span className="font-medium">{capability.name}</span>
            <span className="text-muted-foreground">{capability.summary}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function LandingPage() {
  return (
    <>
      <section aria-labelledby="hero-heading" className="border-b bg-muted/40">
        <div className="mx-auto grid w-full max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 md:py-24 lg:grid-cols-2">
          <div className="flex flex-col gap-6">
            <p className="text-sm font-semibold tracking-wide text-primary uppercase">
              Problem-first feedback boards
            </p>
            <h1
              id="hero-heading"
              className="text-4xl font-bold tracking-tight text-balance sm:text-5xl"
            >
              Hear the problems, not just the feature requests
            </h1>
            <p className="max-w-xl text-lg text-pretty text-muted-foreground">
              Problemboard gives your customers a public board to describe what gets in their way.
              They vote and discuss, your team triages every problem from open to solved, and
              everyone following along hears about it when things change.
            </p>
            <div className="flex flex-col gap-3 sm:flex-row">
              <Button asChild size="lg">
                <Link href="/sign-up">
                  Start free
                  <ArrowRight aria-hidden="true" />
                </Link>
              </Button>
              <Button asChild size="lg" variant="outline">
                <Link href="/pricing">See pricing</Link>
              </Button>
            </div>
            <p className="text-sm text-muted-foreground">
              Free plan available, no credit card needed.
            </p>
          </div>

          <figure className="flex flex-col gap-3">
            <Card className="gap-0 py-0">
              <div className="flex items-center justify-between gap-4 border-b px-5 py-4">
                <div>
                  <p className="font-semibold">Acme Analytics feedback</p>
                  <p className="text-sm text-muted-foreground">Tell us what’s slowing you down</p>
                </div>
                <Badge variant="outline">Public</Badge>
              </div>
              <ul className="divide-y">
                {exampleProblems.map((problem) => (
                  <li key={problem.title} className="flex items-start gap-4 px-5 py-4">
                    <div className="flex w-12 shrink-0 flex-col items-center rounded-md border px-2 py-1 text-sm font-semibold">
                      <ArrowBigUp aria-hidden="true" className="size-4 text-primary" />
                      <span>
                        {problem.votes}
                        <span className="sr-only"> votes</span>
                      </span>
                    </div>
                    <div className="flex min-w-0 flex-1 flex-col gap-2">
                      <p className="text-sm font-medium">{problem.title}</p>
                      <div className="flex flex-wrap items-center gap-3 text-xs text-muted-foreground">
                        <Badge variant={statusVariant(problem.status)}>{problem.status}</Badge>
                        <span className="inline-flex items-center gap-1">
                          <MessagesSquare aria-hidden="true" className="size-3.5" />
                          {problem.comments} comments
                        </span>
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
            </Card>
            <figcaption className="text-center text-sm text-muted-foreground">
              An example public board: customers post problems, vote and comment.
            </figcaption>
          </figure>
        </div>
      </section>

      <section aria-labelledby="features-heading" className="py-16 md:py-24">
        <div className="mx-auto w-full max-w-6xl px-4 sm:px-6">
          <div className="mx-auto flex max-w-2xl flex-col gap-4 text-center">
            <h2
              id="features-heading"
              className="text-3xl font-bold tracking-tight text-balance sm:text-4xl"
            >
              From “it’s annoying when…” to “that’s fixed”
            </h2>
            <p className="text-lg text-pretty text-muted-foreground">
              Feature requests tell you what someone imagined. Problems tell you what they need.
              Problemboard keeps the conversation on the problem until it’s solved.
            </p>
          </div>

          <ul className="mt-12 grid gap-6 md:grid-cols-2">
            {features.map((feature) => (
              <li key={feature.title} className="flex">
                <Card className="w-full">
                  <CardHeader>
                    <span className="mb-2 inline-flex size-10 items-center justify-center rounded-lg bg-secondary text-secondary-foreground">
                      <feature.icon aria-hidden="true" className="size-5" />
                    </span>
                    <h3 className="text-lg leading-snug font-semibold">{feature.title}</h3>
                    <CardDescription className="text-base">{feature.description}</CardDescription>
                  </CardHeader>
                  <CardContent>
                    <ul className="flex flex-col gap-2 text-sm">
                      {[
                        ...(feature.extraPoints ?? []),
                        ...liveOnly(feature.capabilities).map(
                          ({ capability }) => capability.summary,
                        ),
                      ].map((point) => (
                        <li key={point} className="flex gap-2">
                          <span
                            aria-hidden="true"
                            className="mt-2 size-1.5 shrink-0 rounded-full bg-primary"
                          />
                          {point}
                        </li>
                      ))}
                    </ul>
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>

          <div className="mt-12 grid gap-6 rounded-xl border bg-muted/40 p-6 md:grid-cols-3 md:p-8">
            <div className="flex flex-col gap-2">
              <p className="flex items-center gap-2 font-semibold">
                <BellRing aria-hidden="true" className="size-5 text-primary" />
                Every status, out in the open
              </p>
              <p className="text-sm text-muted-foreground">
                Customers see exactly where their problem stands.
              </p>
            </div>
            <ul
              aria-label="Problem statuses"
              className="flex flex-wrap items-center gap-2 md:col-span-2"
            >
              {statuses.map((status) => (
                <li key={status.label}>
                  <Badge variant={status.variant} className="px-3 py-1 text-sm">
                    {status.label}
                  </Badge>
                </li>
              ))}
            </ul>
          </div>

          <ComingSoon />
        </div>
      </section>

      <section aria-labelledby="how-heading" className="border-y bg-muted/40 py-16 md:py-24">
        <div className="mx-auto w-full max-w-6xl px-4 sm:px-6">
          <h2
            id="how-heading"
            className="text-center text-3xl font-bold tracking-tight text-balance sm:text-4xl"
          >
            How it works
          </h2>
          <ol className="mt-12 grid gap-6 md:grid-cols-3">
            {steps.map((step, index) => (
              <li key={step.title} className="flex flex-col gap-3 rounded-xl border bg-card p-6">
                <span
                  aria-hidden="true"
                  className="inline-flex size-9 items-center justify-center rounded-full bg-primary text-sm font-semibold text-primary-foreground"
                >
                  {index + 1}
                </span>
                <h3 className="text-lg font-semibold">{step.title}</h3>
                <p className="text-sm text-muted-foreground">{step.description}</p>
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section aria-labelledby="cta-heading" className="py-16 md:py-24">
        <div className="mx-auto flex w-full max-w-3xl flex-col items-center gap-6 px-4 text-center sm:px-6">
          <h2
            id="cta-heading"
            className="text-3xl font-bold tracking-tight text-balance sm:text-4xl"
          >
            Start hearing the problems behind the requests
          </h2>
          <p className="text-lg text-pretty text-muted-foreground">
            Open your first board today on the Free plan. Upgrade when your team is ready.
          </p>
          <div className="flex flex-col gap-3 sm:flex-row">
            <Button asChild size="lg">
              <Link href="/sign-up">
                Start free
                <ArrowRight aria-hidden="true" />
              </Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <Link href="/pricing">Compare plans</Link>
            </Button>
          </div>
        </div>
      </section>
    </>
  );
}
