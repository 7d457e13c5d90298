import type { Metadata } from "next";
import { ActivationStatus } from "@/components/billing/activation-status";
import { Card, CardContent } from "@/components/ui/card";
import { principalOf, requireSession } from "@/lib/auth/session";
import { listPlans } from "@/lib/billing/plans";
import { requestBillingSync } from "@/lib/billing/request-billing-sync";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "Activating your plan" };

const PLAN_NAMES = Object.fromEntries(listPlans().map((plan) => [plan.id, plan.name]));

// /w/{slug}/billing/success – where Stripe Checkout returns after paying. The plan is never read
// from this URL (session_id is ignored): the page asks the worker to look at the workspace's
// Stripe customer again and waits for the converged state.
export default async function CheckoutSuccessPage({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const session = await requireSession(`/w/${slug}/billing`);
  const principal = principalOf(session);
  const workspace = await getWorkspaceBySlug(principal, slug);
  await requestBillingSync(principal, workspace.workspaceId, "checkout-success");

  return (
    <Card className="mx-auto w-full max-w-xl">
      <CardContent className="py-2">
        <ActivationStatus
          statusUrl={`/api/workspaces/${workspace.workspaceId}/billing`}
          billingHref={`/w/${slug}/billing`}
          planNames={PLAN_NAMES}
        />
      </CardContent>
    </Card>
  );
}
