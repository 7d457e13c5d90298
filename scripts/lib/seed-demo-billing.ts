// Dev tooling: put the demo workspace on a Team trial through the local Stripe emulator, the way a
// customer gets one (checkout, pay, converge from Stripe), so the demo shows billing and has room
// to invite someone. Run by scripts/run.ts after the demo data (`scripts/seed-demo-billing.ts`,
// in a process of its own so the app's env includes the emulator), and by the tests.
import { and, eq } from "drizzle-orm";
import { startCheckout } from "@/lib/billing/checkout";
import { usingStripeEmulator } from "@/lib/billing/stripe";
import { syncCustomer } from "@/lib/billing/sync";
import { db } from "@/lib/db";
import { billingAccounts, members, workspaces } from "@/lib/db/schema";
import { DEMO_TEAM_SEATS, DEMO_WORKSPACE } from "@/lib/db/seed";

export type DemoTrialOutcome = "created" | "present" | "skipped";

export async function seedDemoTrial(): Promise<DemoTrialOutcome> {
  if (!usingStripeEmulator()) return "skipped";
  const [acme] = await db
    .select({ id: workspaces.id, subscriptionId: billingAccounts.stripeSubscriptionId })
    .from(workspaces)
    .innerJoin(billingAccounts, eq(billingAccounts.workspaceId, workspaces.id))
    .where(eq(workspaces.slug, DEMO_WORKSPACE.slug));
  if (!acme) return "skipped";
  if (acme.subscriptionId) return "present";
  const [owner] = await db
    .select({ userId: members.userId })
    .from(members)
    .where(and(eq(members.organizationId, acme.id), eq(members.role, "owner")));
  if (!owner) throw new Error("seed: the demo workspace has no owner");

  // What the billing page does for the owner, then the emulator's "Pay" button.
  const { url } = await startCheckout({ userId: owner.userId, platformRole: null }, acme.id, {
    plan: "team",
    interval: "monthly",
    seats: DEMO_TEAM_SEATS,
  });
  const paid = await fetch(`${url}/pay`, { method: "POST", redirect: "manual" });
  if (paid.status >= 400)
    throw new Error(`seed: the emulator refused the demo checkout (${paid.status})`);

  // Converge now, as the webhook will when the app is up (it may not be yet).
  const [account] = await db
    .select({ customerId: billingAccounts.stripeCustomerId })
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, acme.id));
  if (!account?.customerId) throw new Error("seed: the demo checkout made no Stripe customer");
  await syncCustomer(account.customerId);
  return "created";
}
