import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCheckout } from "@/lib/billing/checkout";
import { getBillingState } from "@/lib/billing/entitlements";
import { reconcileNow } from "@/lib/billing/reconcile";
import { buySeats } from "@/lib/billing/seats";
import { db } from "@/lib/db";
import { billingAccounts } from "@/lib/db/schema";
import { drainJobs } from "@/lib/jobs/worker";
import { removeMember } from "@/lib/workspaces/remove-member";
import { payCheckout, startBillingHarness, type BillingHarness } from "../support/billing";
import { createTeam, setPlan } from "../support/factories";

let harness: BillingHarness;
const as = (user: { id: string }) => ({ userId: user.id });

beforeAll(async () => {
  harness = await startBillingHarness();
  await harness.deliverLive();
});

afterAll(async () => {
  await harness.close();
});

async function settle() {
  await harness.flushWebhooks();
  await drainJobs();
  await harness.flushWebhooks();
  await drainJobs();
}

async function teamOnTeamPlan() {
  const team = await createTeam();
  await setPlan(team.workspace.id, "free");
  const { url } = await startCheckout(as(team.owner), team.workspace.id, {
    plan: "team",
    interval: "monthly",
    seats: 3,
  });
  await payCheckout(url);
  await settle();
  return team;
}

async function stripeQuantity(workspaceId: string) {
  const [account] = await db
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  const subscription = await harness.stripe.subscriptions.retrieve(account!.stripeSubscriptionId!);
  return subscription.items.data[0]!.quantity;
}

describe("Team seats", () => {
  it("checks out at least one seat per member and the plan's minimum", async () => {
    const team = await teamOnTeamPlan();
    // Four members (owner, admin, member, viewer) outnumber the three asked for.
    expect(await stripeQuantity(team.workspace.id)).toBe(4);
    expect(await getBillingState(team.workspace.id)).toMatchObject({ planId: "team", seats: 4 });
  });

  it("buys a seat in Stripe and makes it usable once Stripe confirms", async () => {
    const team = await teamOnTeamPlan();
    await expect(buySeats(as(team.member), team.workspace.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    await buySeats(as(team.owner), team.workspace.id);
    expect(await stripeQuantity(team.workspace.id)).toBe(5);
    await settle();
    expect((await getBillingState(team.workspace.id)).seats).toBe(5);
  });

  it("lowers the quantity without proration when a member leaves", async () => {
    const team = await teamOnTeamPlan();
    await buySeats(as(team.owner), team.workspace.id);
    await settle();
    await removeMember(as(team.owner), team.workspace.id, team.viewer.id);
    await settle();
    // Three members left, and the Team minimum is three.
    expect(await stripeQuantity(team.workspace.id)).toBe(3);
    expect((await getBillingState(team.workspace.id)).seats).toBe(3);
  });

  it("refuses to buy seats without a Team subscription", async () => {
    const team = await createTeam();
    await setPlan(team.workspace.id, "free");
    await expect(buySeats(as(team.owner), team.workspace.id)).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("reconciliation", () => {
  it("repairs local state that drifted from Stripe and reports it", async () => {
    const team = await teamOnTeamPlan();
    // A lost webhook: locally the workspace looks like it is on Free.
    await db
      .update(billingAccounts)
      .set({ planId: "free", status: "canceled", seats: 1 })
      .where(eq(billingAccounts.workspaceId, team.workspace.id));

    const report = await reconcileNow();
    expect(report.customers).toBeGreaterThan(0);
    expect(report.repaired).toContainEqual({
      workspaceId: team.workspace.id,
      from: "free/canceled/1",
      to: "team/trialing/4",
    });
    expect(await getBillingState(team.workspace.id)).toMatchObject({ planId: "team", seats: 4 });
    // Nothing drifted since: a second run repairs nothing for it.
    const again = await reconcileNow();
    expect(again.repaired.map((r) => r.workspaceId)).not.toContain(team.workspace.id);
  });
});

describe("a manual Enterprise contract", () => {
  it("survives reconciliation when Stripe has no subscription for the customer", async () => {
    const team = await teamOnTeamPlan();
    const [account] = await db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.workspaceId, team.workspace.id));
    await harness.stripe.subscriptions.cancel(account!.stripeSubscriptionId!);
    await settle();
    expect((await getBillingState(team.workspace.id)).effectivePlanId).toBe("free");

    await db
      .update(billingAccounts)
      .set({ planId: "enterprise", status: "active", stripeSubscriptionId: null })
      .where(eq(billingAccounts.workspaceId, team.workspace.id));
    await reconcileNow();
    expect(await getBillingState(team.workspace.id)).toMatchObject({
      planId: "enterprise",
      effectivePlanId: "enterprise",
    });
  });
});
