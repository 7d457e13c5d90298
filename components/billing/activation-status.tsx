"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

const POLL_MS = 1_000;
const GIVE_UP_MS = 60_000;

type Phase = { kind: "waiting" } | { kind: "active"; planName: string } | { kind: "slow" };

/**
 * Polls the workspace's billing status until the plan bought at checkout is in force (the
 * webhook and the job worker converge it from Stripe), then says so. Never writes anything.
 */
export function ActivationStatus({
  statusUrl,
  billingHref,
  planNames,
}: {
  statusUrl: string;
  billingHref: string;
  /** Display names by plan id. */
  planNames: Record<string, string>;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: "waiting" });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    async function poll() {
      try {
        const response = await fetch(statusUrl, { cache: "no-store" });
        if (response.ok) {
          const body = (await response.json()) as { effectivePlanId?: string };
          const plan = body.effectivePlanId;
          if (plan && plan !== "free" && !stopped) {
            setPhase({ kind: "active", planName: planNames[plan] ?? plan });
            return;
          }
        }
      } catch {
        // A network blip: try again on the next tick.
      }
      if (stopped) return;
      if (Date.now() - started >= GIVE_UP_MS) {
        setPhase({ kind: "slow" });
        return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    }
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [statusUrl, planNames]);

  if (phase.kind === "active") {
    return (
      <div className="grid gap-4" role="status">
        <h1 className="text-2xl font-semibold tracking-tight">You&apos;re on {phase.planName}</h1>
        <p className="text-muted-foreground">
          Thanks! The {phase.planName} plan&apos;s limits apply to this workspace now.
        </p>
        <div>
          <Button asChild>
            <Link href={billingHref}>Back to billing</Link>
          </Button>
        </div>
      </div>
    );
  }
  if (phase.kind === "slow") {
    return (
      <div className="grid gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Still activating your plan</h1>
        <Alert role="status">
          <AlertDescription>
            Your payment went through, but confirming it is taking longer than usual. The plan
            switches on by itself within a few minutes; you don&apos;t need to pay again.
          </AlertDescription>
        </Alert>
        <div>
          <Button asChild variant="outline">
            <Link href={billingHref}>Back to billing</Link>
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="grid gap-4" role="status" aria-busy="true">
      <h1 className="text-2xl font-semibold tracking-tight">Activating your plan…</h1>
      <p className="text-muted-foreground">
        This takes a few seconds while we confirm the payment with Stripe.
      </p>
    </div>
  );
}
