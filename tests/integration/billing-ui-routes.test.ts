import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as billingRoute } from "@/app/api/workspaces/[workspaceId]/billing/route";
import { getBillingOverview } from "@/lib/billing/get-billing-overview";
import { requestBillingSync } from "@/lib/billing/request-billing-sync";
import { assertSalesInquiryAllowed, submitSalesInquiry } from "@/lib/billing/sales";
import { db } from "@/lib/db";
import { billingAccounts, emailOutbox, jobs, salesInquiries } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { POLICIES } from "@/lib/ratelimit/policies";
import { isAppError, type AppError } from "@/lib/errors";
import { authFetch, nextIp, signIn } from "../support/auth-client";
import {
  addMember,
  createTeam,
  createUser,
  createWorkspaceRow,
  latestEmail,
  linkIn,
  personalWorkspaceOf,
  setPlan,
  TEST_PASSWORD,
} from "../support/factories";

const origin = new URL(env.APP_URL).origin;

function billingStatus(workspaceId: string, cookie?: string) {
  return billingRoute(
    new Request(`${origin}/api/workspaces/${workspaceId}/billing`, {
      headers: cookie ? { cookie } : {},
    }),
    { params: Promise.resolve({ workspaceId }) },
  );
}

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const principal = (userId: string) => ({ userId, platformRole: null });

describe("GET /api/workspaces/{id}/billing", () => {
  it("gives members the plan and status, uncached; converged changes show at once", async () => {
    const workspace = await createWorkspaceRow();
    const team = await createTeam();
    const viewer = team.viewer;
    // A workspace of its own where the viewer is only a viewer.
    await addMember(workspace.id, viewer.id, "viewer");
    const { cookie } = await signIn(viewer.email, TEST_PASSWORD);

    const free = await billingStatus(workspace.id, cookie);
    expect(free.status).toBe(200);
    expect(free.headers.get("cache-control")).toContain("no-store");
    expect(await free.json()).toEqual({
      status: "none",
      planId: "free",
      effectivePlanId: "free",
      hasSubscription: false,
    });

    await setPlan(workspace.id, "pro");
    const pro = await billingStatus(workspace.id, cookie);
    expect(await pro.json()).toMatchObject({
      status: "active",
      planId: "pro",
      effectivePlanId: "pro",
    });

    // Past due beyond the grace period: still subscribed to Pro, but Free limits apply.
    await setPlan(workspace.id, "pro", {
      status: "past_due",
      pastDueSince: new Date(Date.now() - 8 * 24 * 60 * 60_000),
    });
    expect(await (await billingStatus(workspace.id, cookie)).json()).toMatchObject({
      status: "past_due",
      planId: "pro",
      effectivePlanId: "free",
    });
  });

  it("answers 404 to a non-member and 401 to a signed-out or forged session", async () => {
    const team = await createTeam();
    const outsider = await createUser();
    const { cookie } = await signIn(outsider.email, TEST_PASSWORD);

    const foreign = await billingStatus(team.workspace.id, cookie);
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("content-type")).toContain("application/problem+json");
    expect(await foreign.json()).toMatchObject({ code: "not_found" });
    expect((await billingStatus("ws_doesnotexist", cookie)).status).toBe(404);

    const anonymous = await billingStatus(team.workspace.id);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: "unauthorized" });
    const forged = await billingStatus(team.workspace.id, "pb.session_token=abc.def");
    expect(forged.status).toBe(401);
  });
});

describe("billing page data", () => {
  it("shows plan and usage to every member; only owners and admins may manage", async () => {
    const team = await createTeam();
    const owner = await getBillingOverview(principal(team.owner.id), team.workspace.id);
    expect(owner.canManage).toBe(true);
    expect(owner.state.effectivePlanId).toBe("team");
    // No "API requests" meter while the REST API is not built (lib/content/features.ts);
    // attachment storage is metered (Team: 50 GB).
    expect(owner.meters.map((meter) => meter.metric)).toEqual([
      "boards",
      "problems",
      "seats",
      "storage",
    ]);
    expect(owner.meters.find((meter) => meter.metric === "storage")).toMatchObject({ used: 0 });
    expect(owner.meters.find((meter) => meter.metric === "seats")).toMatchObject({
      used: 4,
      limit: 25,
    });
    expect((await getBillingOverview(principal(team.admin.id), team.workspace.id)).canManage).toBe(
      true,
    );
    expect((await getBillingOverview(principal(team.member.id), team.workspace.id)).canManage).toBe(
      false,
    );
    expect((await getBillingOverview(principal(team.viewer.id), team.workspace.id)).canManage).toBe(
      false,
    );

    const outsider = await createUser();
    expect(
      (await appErrorOf(getBillingOverview(principal(outsider.id), team.workspace.id))).code,
    ).toBe("not_found");
  });
});

describe("checkout success: asking for a sync", () => {
  it("queues one sync of the workspace's Stripe customer per minute and writes no billing state", async () => {
    const team = await createTeam();
    const customerId = `cus_test_${Date.now()}`;
    await db
      .update(billingAccounts)
      .set({ stripeCustomerId: customerId })
      .where(eq(billingAccounts.workspaceId, team.workspace.id));
    const [before] = await db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.workspaceId, team.workspace.id));

    expect(
      await requestBillingSync(principal(team.owner.id), team.workspace.id, "checkout-success"),
    ).toBe(true);
    // A reload of the success page does not queue another.
    expect(
      await requestBillingSync(principal(team.member.id), team.workspace.id, "checkout-success"),
    ).toBe(false);
    const queued = await db
      .select()
      .from(jobs)
      .where(
        and(eq(jobs.name, "billing.sync-customer"), eq(jobs.orderingKey, `stripe:${customerId}`)),
      );
    expect(queued).toHaveLength(1);
    expect(queued[0]?.payload).toEqual({ customerId, reason: "checkout-success" });

    const [after] = await db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.workspaceId, team.workspace.id));
    expect(after).toEqual(before);

    const outsider = await createUser();
    expect(
      (
        await appErrorOf(
          requestBillingSync(principal(outsider.id), team.workspace.id, "checkout-success"),
        )
      ).code,
    ).toBe("not_found");
  });

  it("does nothing for a workspace that never reached Stripe", async () => {
    const user = await createUser();
    const workspace = await personalWorkspaceOf(user.id);
    expect(await requestBillingSync(principal(user.id), workspace!.id, "checkout-success")).toBe(
      false,
    );
  });
});

describe("contact sales", () => {
  const valid = {
    name: "Dana Buyer",
    email: "Dana@Example.com",
    company: "Example Corp",
    seats: "250",
    message: "We need SAML SSO and a security review before buying.",
  };

  it("stores the enquiry and queues the contact-sales email to the sales inbox", async () => {
    const user = await createUser();
    const { id } = await submitSalesInquiry(valid, { userId: user.id });
    const [row] = await db.select().from(salesInquiries).where(eq(salesInquiries.id, id));
    expect(row).toMatchObject({
      name: "Dana Buyer",
      email: "dana@example.com",
      company: "Example Corp",
      seats: 250,
      message: valid.message,
      userId: user.id,
    });
    const [email] = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.idempotencyKey, `sales-inquiry:${id}`));
    expect(email).toMatchObject({ template: "contact-sales", to: env.SALES_EMAIL.toLowerCase() });
    expect(email?.props).toMatchObject({
      company: "Example Corp",
      seats: "250",
      email: "dana@example.com",
    });
  });

  it("refuses invalid fields, naming each one, and writes nothing", async () => {
    const countRows = async () => ({
      inquiries: (await db.select().from(salesInquiries)).length,
      emails: (await db.select().from(emailOutbox).where(eq(emailOutbox.template, "contact-sales")))
        .length,
    });
    const before = await countRows();
    const error = await appErrorOf(
      submitSalesInquiry({
        name: " ",
        email: "not-an-email",
        company: "",
        seats: "lots",
        message: "hi",
      }),
    );
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual([
      "company",
      "email",
      "message",
      "name",
      "seats",
    ]);
    expect(error.fieldErrors?.seats).toEqual(["Enter a whole number of seats, like 50."]);
    const missing = await appErrorOf(submitSalesInquiry({}));
    expect(Object.keys(missing.fieldErrors ?? {}).sort()).toEqual([
      "company",
      "email",
      "message",
      "name",
      "seats",
    ]);
    expect(
      (await appErrorOf(submitSalesInquiry({ ...valid, seats: "0" }))).fieldErrors?.seats,
    ).toEqual(["Enter at least 1 seat."]);
    expect(await countRows()).toEqual(before);
  });

  it("limits enquiries per client address", async () => {
    const ip = nextIp();
    const { limit } = POLICIES["sales:inquiry:ip"];
    for (let i = 0; i < limit * env.RATE_LIMIT_SCALE; i++) await assertSalesInquiryAllowed(ip);
    const refused = await appErrorOf(assertSalesInquiryAllowed(ip));
    expect(refused.code).toBe("rate_limited");
    // Another address is not affected.
    await assertSalesInquiryAllowed(nextIp());
  });
});

describe("a plan chosen on /pricing before signing up", () => {
  it("survives email verification, so the new user lands on the billing page's checkout", async () => {
    const email = `buyer-${Date.now()}@example.com`;
    const next = "/app?plan=pro&interval=monthly";
    const signUp = await authFetch("/sign-up/email", {
      body: {
        name: "Bea Buyer",
        email,
        password: "a-long-and-unusual-passphrase",
        callbackURL: `/verified?next=${encodeURIComponent(next)}`,
      },
    });
    expect(signUp.status).toBe(200);
    const link = linkIn((await latestEmail(email))!.text, "/api/auth/verify-email");
    const verified = await authFetch(link);
    expect(verified.status).toBe(302);
    const location = new URL(verified.headers.get("location")!, origin);
    expect(location.pathname).toBe("/verified");
    expect(location.searchParams.get("next")).toBe(next);
  });
});
