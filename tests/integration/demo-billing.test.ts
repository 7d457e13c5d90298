import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCapacity } from "@/lib/billing/get-capacity";
import { getBillingState } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { members, users, workspaces } from "@/lib/db/schema";
import { DEMO_TEAM_SEATS, DEMO_WORKSPACE, seedDemoData } from "@/lib/db/seed";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { seedDemoTrial } from "@/scripts/lib/seed-demo-billing";
import { startBillingHarness, type BillingHarness } from "../support/billing";

// The demo workspace must be in a state the product itself produces, and let the README's
// walkthrough invite someone: a Team trial started through checkout on the Stripe emulator.

let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(async () => {
  await harness.close();
});

describe("demo billing", () => {
  it("puts Acme on a Team trial through checkout, with room to invite, once", async () => {
    await seedDemoData(db);
    expect(await seedDemoTrial()).toBe("created");

    const [acme] = await db
      .select()
      .from(workspaces)
      .where(eq(workspaces.slug, DEMO_WORKSPACE.slug));
    const state = await getBillingState(acme!.id);
    expect(state).toMatchObject({
      planId: "team",
      effectivePlanId: "team",
      status: "trialing",
      seats: DEMO_TEAM_SEATS,
      hasSubscription: true,
    });
    // The subscription exists in Stripe (the emulator), not only in our table.
    const subscriptions = await harness.stripe.subscriptions.list({ status: "all" });
    expect(subscriptions.data.map((s) => [s.status, s.items.data[0]?.quantity])).toEqual([
      ["trialing", DEMO_TEAM_SEATS],
    ]);

    const [owner] = await db
      .select({ id: users.id })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.organizationId, acme!.id), eq(members.role, "owner")));
    const principal = { userId: owner!.id };
    expect(await getCapacity(principal, acme!.id, "seats")).toMatchObject({ used: 4, limit: 6 });
    await expect(
      inviteMember(principal, acme!.id, { email: "new-teammate@example.com", role: "member" }),
    ).resolves.toBeTruthy();

    expect(await seedDemoTrial()).toBe("present");
  });
});
