// The console's Workspaces & subscriptions section, end to end through the Stripe emulator: each
// action is a real server action run by a real platform admin session; it calls Stripe (the
// emulator, with the real SDK), shows as pending on the workspace page, and our tables change
// only when the webhook has been delivered and processed. Also the list's search, filters, sort
// and pages, bad input, the double-submitted refund, and the manual Enterprise contract.
import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { searchWorkspaces, WORKSPACE_PAGE_SIZE } from "@/lib/admin/search-workspaces";
import type { AdminPrincipal } from "@/lib/admin/require-platform-admin";
import { initialFormState, type FormState } from "@/lib/auth/form-state";
import { startCheckout } from "@/lib/billing/checkout";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import {
  adminPendingActions,
  auditLog,
  billingAccounts,
  stripeEvents,
  subscriptionHistory,
} from "@/lib/db/schema";
import { isAppError } from "@/lib/errors";
import { drainJobs } from "@/lib/jobs/worker";
import {
  actAs,
  cookieOf,
  createPlatformAdmin,
  formData,
  html,
  isNotFound,
} from "../support/admin-request";
import { payCheckout, startBillingHarness, type BillingHarness } from "../support/billing";
import { installClock } from "../support/clock";
import { createTeam, createWorkspaceRow, TEST_PASSWORD } from "../support/factories";

vi.mock("next/headers", () => import("../support/next-stubs").then((m) => m.nextHeaders));
vi.mock("next/navigation", () => import("../support/next-stubs").then((m) => m.nextNavigation));
vi.mock("next/cache", () => import("../support/next-stubs").then((m) => m.nextCache));

const actions = await import("@/app/admin/workspaces/actions");
const { reauthenticateAction } = await import("@/app/admin/actions");
const { default: WorkspacePage } = await import("@/app/admin/workspaces/[workspaceId]/page");
const { default: WorkspacesPage } = await import("@/app/admin/workspaces/page");

const DAY_MS = 24 * 60 * 60_000;
let harness: BillingHarness;
let operator: Awaited<ReturnType<typeof createPlatformAdmin>>;
let operatorCookie: string;
let admin: AdminPrincipal;
let submissions = 0;

beforeAll(async () => {
  harness = await startBillingHarness();
  await harness.deliverLive();
  operator = await createPlatformAdmin();
  operatorCookie = await cookieOf(operator.email);
  admin = { userId: operator.id, platformRole: "admin", impersonatorId: null };
});

afterAll(async () => {
  await harness.close();
});

/** Let the emulator post its webhooks and the queue process them. */
async function settle() {
  await harness.flushWebhooks();
  await drainJobs();
}

async function account(workspaceId: string) {
  const [row] = await db
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  return row!;
}

/** A workspace that subscribed through Checkout (a 14-day trial), optionally paid already. */
async function subscribed({ paid = false } = {}) {
  const team = await createTeam();
  await db
    .update(billingAccounts)
    .set({ planId: "free", status: "none", stripeSubscriptionId: null, seats: 1 })
    .where(eq(billingAccounts.workspaceId, team.workspace.id));
  const { url } = await startCheckout({ userId: team.owner.id }, team.workspace.id, {
    plan: "pro",
    interval: "monthly",
  });
  expect((await payCheckout(url)).status).toBe(303);
  await settle();
  const row = await account(team.workspace.id);
  expect(row.status).toBe("trialing");
  if (paid) {
    // The customer ends the trial early: the first $29 invoice is paid, with a charge.
    await harness.stripe.subscriptions.update(row.stripeSubscriptionId!, { trial_end: "now" });
    await settle();
    expect((await account(team.workspace.id)).status).toBe("active");
  }
  return {
    workspaceId: team.workspace.id,
    customerId: row.stripeCustomerId!,
    subscriptionId: row.stripeSubscriptionId!,
  };
}

/** Run a console action as the operator, as the form would post it. */
async function act(
  action: (state: FormState, form: FormData) => Promise<FormState>,
  workspaceId: string,
  fields: Record<string, string>,
  submissionId = `test-submission-${++submissions}`,
) {
  actAs(operatorCookie);
  return action(
    initialFormState,
    formData({ workspaceId, submissionId, reason: "Customer asked by email", ...fields }),
  );
}

async function page(workspaceId: string) {
  actAs(operatorCookie);
  return html(await WorkspacePage({ params: Promise.resolve({ workspaceId }) }));
}

const adminEntries = async (workspaceId: string, action: string) =>
  db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.targetId, workspaceId),
        eq(auditLog.actorId, operator.id),
        eq(auditLog.action, action),
      ),
    )
    .orderBy(desc(auditLog.seq));

const day = (date: Date) => date.toISOString().slice(0, 10);

describe("refunding the last payment", () => {
  it("needs a fresh sign-in: a session older than 15 minutes refunds nothing until the password is re-entered", async () => {
    const { workspaceId, customerId } = await subscribed({ paid: true });
    const [charge] = (await harness.stripe.charges.list({ customer: customerId })).data;
    const clock = installClock();
    const cookie = await cookieOf(operator.email);
    clock.advance(16 * 60_000);

    actAs(cookie);
    const stale = await actions.refundAction(
      initialFormState,
      formData({
        workspaceId,
        submissionId: "fresh-submission-1",
        reason: "Customer asked by email",
        amount: "",
      }),
    );
    expect(stale.error).toMatch(/older than 15 minutes.*password/);
    expect((await harness.stripe.charges.retrieve(charge!.id)).amount_refunded).toBe(0);
    actAs(cookie);
    const asking = html(await WorkspacePage({ params: Promise.resolve({ workspaceId }) }));
    expect(asking).toContain("A refund needs a fresh sign-in");

    actAs(cookie);
    const reauth = await reauthenticateAction(
      initialFormState,
      formData({ password: TEST_PASSWORD }),
    );
    expect(reauth.success).toMatch(/next 15 minutes/);
    actAs(cookie);
    const refunded = await actions.refundAction(
      initialFormState,
      formData({
        workspaceId,
        submissionId: "fresh-submission-2",
        reason: "Customer asked by email",
        amount: "",
      }),
    );
    expect(refunded.error).toBeUndefined();
    expect((await harness.stripe.charges.retrieve(charge!.id)).amount_refunded).toBe(2900);
  });

  it("refunds through Stripe, pending on the page until the webhook has been processed", async () => {
    const { workspaceId, customerId } = await subscribed({ paid: true });
    const [charge] = (await harness.stripe.charges.list({ customer: customerId })).data;
    expect(charge!.amount).toBe(2900);
    expect(await page(workspaceId)).toContain("Last payment: $29.00");

    await harness.pauseDelivery();
    const result = await act(actions.refundAction, workspaceId, { amount: "" });
    expect(result.error).toBeUndefined();
    expect(result.success).toMatch(/pending/);
    // Stripe refunded at once; our side waits for the webhook.
    expect((await harness.stripe.charges.retrieve(charge!.id)).amount_refunded).toBe(2900);
    const pending = await page(workspaceId);
    expect(pending).toContain("Pending: waiting for Stripe");
    expect(pending).toContain("$29.00 (full)");

    await harness.resumeDelivery();
    await drainJobs();
    const applied = await page(workspaceId);
    expect(applied).not.toContain("Pending: waiting for Stripe");
    expect(applied).toContain("Applied");
    expect(applied).toContain("charge.refunded");
    const [ledger] = await db
      .select()
      .from(stripeEvents)
      .where(
        and(eq(stripeEvents.customerId, customerId), eq(stripeEvents.type, "charge.refunded")),
      );
    expect(ledger).toMatchObject({ status: "processed", workspaceId });
    const [entry] = await adminEntries(workspaceId, "admin.refund_issued");
    expect(entry?.metadata).toMatchObject({ reason: "Customer asked by email", amountCents: 2900 });
    // Nothing left to refund: the form is gone and a second refund is refused.
    expect(applied).toContain("$29.00 refunded so far");
    const again = await act(actions.refundAction, workspaceId, { amount: "" });
    expect(again.error).toMatch(/refunded in full already/);
  });

  it("refunds once when the same form is submitted twice, at once or later", async () => {
    const { workspaceId, customerId } = await subscribed({ paid: true });
    const [charge] = (await harness.stripe.charges.list({ customer: customerId })).data;
    const submissionId = "double-click-refund-1";
    const results = await Promise.all([
      act(actions.refundAction, workspaceId, { amount: "10.50" }, submissionId),
      act(actions.refundAction, workspaceId, { amount: "10.50" }, submissionId),
    ]);
    for (const result of results) expect(result.error).toBeUndefined();
    await settle();
    const late = await act(actions.refundAction, workspaceId, { amount: "10.50" }, submissionId);
    expect(late.success).toMatch(/sent already/);

    const refunds = (await harness.stripe.refunds.list({ charge: charge!.id })).data;
    expect(refunds.map((refund) => refund.amount)).toEqual([1050]);
    expect((await harness.stripe.charges.retrieve(charge!.id)).amount_refunded).toBe(1050);
    expect(await adminEntries(workspaceId, "admin.refund_issued")).toHaveLength(1);
    const [rows] = await db
      .select({ n: count() })
      .from(adminPendingActions)
      .where(eq(adminPendingActions.workspaceId, workspaceId));
    expect(rows!.n).toBe(1);

    // A new form (a new submission) is a new, deliberate refund of part of what is left.
    const second = await act(actions.refundAction, workspaceId, { amount: "5" });
    expect(second.error).toBeUndefined();
    expect((await harness.stripe.charges.retrieve(charge!.id)).amount_refunded).toBe(1550);
  });

  it("records a refund Stripe made when our record of it failed, once the form is sent again", async () => {
    const { workspaceId, customerId } = await subscribed({ paid: true });
    const [charge] = (await harness.stripe.charges.list({ customer: customerId })).data;
    const submissionId = "lost-record-refund-1";
    // Stripe refunded with this form's key; our pending row and audit entry were never written.
    await harness.stripe.refunds.create(
      {
        charge: charge!.id,
        amount: 2900,
        metadata: { idempotency_key: `admin:refund:${workspaceId}:${submissionId}` },
      },
      { idempotencyKey: `admin:refund:${workspaceId}:${submissionId}` },
    );
    const again = await act(actions.refundAction, workspaceId, { amount: "" }, submissionId);
    expect(again.error).toBeUndefined();
    expect((await harness.stripe.refunds.list({ charge: charge!.id })).data).toHaveLength(1);
    expect(await adminEntries(workspaceId, "admin.refund_issued")).toHaveLength(1);
    await settle();
    expect(await page(workspaceId)).toContain("Applied");
  });

  it("refuses more than is left of the charge, bad amounts, and a missing reason", async () => {
    const { workspaceId, customerId } = await subscribed({ paid: true });
    const tooMuch = await act(actions.refundAction, workspaceId, { amount: "29.01" });
    expect(tooMuch.fieldErrors?.amount?.[0]).toMatch(/Refund at most \$29\.00/);
    const junk = await act(actions.refundAction, workspaceId, { amount: "12,5" });
    expect(junk.fieldErrors?.amount?.[0]).toMatch(/Enter an amount in dollars/);
    const zero = await act(actions.refundAction, workspaceId, { amount: "0" });
    expect(zero.fieldErrors?.amount?.[0]).toMatch(/at least \$0\.01/);
    actAs(operatorCookie);
    const noReason = await actions.refundAction(
      initialFormState,
      formData({ workspaceId, submissionId: "no-reason-123", reason: "" }),
    );
    expect(noReason.fieldErrors?.reason?.[0]).toMatch(/Give a reason/);
    const [charge] = (await harness.stripe.charges.list({ customer: customerId })).data;
    expect(charge!.amount_refunded).toBe(0);
    expect(await adminEntries(workspaceId, "admin.refund_issued")).toHaveLength(0);
  });
});

describe("subscription changes converge through the webhook", () => {
  it("cancels at period end, then now", async () => {
    const { workspaceId, subscriptionId } = await subscribed({ paid: true });
    await harness.pauseDelivery();
    const first = await act(actions.cancelSubscriptionAction, workspaceId, { when: "period_end" });
    expect(first.error).toBeUndefined();
    // Stripe has it; our table does not until the webhook.
    expect((await harness.stripe.subscriptions.retrieve(subscriptionId)).cancel_at_period_end).toBe(
      true,
    );
    expect((await account(workspaceId)).cancelAtPeriodEnd).toBe(false);
    expect(await page(workspaceId)).toContain("Pending: waiting for Stripe");
    await harness.resumeDelivery();
    await drainJobs();
    expect((await account(workspaceId)).cancelAtPeriodEnd).toBe(true);

    const twice = await act(actions.cancelSubscriptionAction, workspaceId, { when: "period_end" });
    expect(twice.error).toMatch(/already ends at the end of its period/);

    const now_ = await act(actions.cancelSubscriptionAction, workspaceId, { when: "now" });
    expect(now_.error).toBeUndefined();
    await settle();
    expect((await account(workspaceId)).status).toBe("canceled");
    expect(await adminEntries(workspaceId, "admin.subscription_canceled")).toHaveLength(2);
    const bad = await act(actions.cancelSubscriptionAction, workspaceId, { when: "later" });
    expect(bad.fieldErrors?.when?.[0]).toMatch(/Choose when the subscription ends/);
    const gone = await act(actions.cancelSubscriptionAction, workspaceId, { when: "now" });
    expect(gone.error).toMatch(/no live Stripe subscription/);
  });

  it("extends a trial, refusing a day in the past or before the current end", async () => {
    const { workspaceId, subscriptionId } = await subscribed();
    const before = await account(workspaceId);
    const past = await act(actions.extendTrialAction, workspaceId, {
      trialEnd: day(new Date(now().getTime() - DAY_MS)),
    });
    expect(past.fieldErrors?.trialEnd?.[0]).toMatch(/can't end in the past/);
    const earlier = await act(actions.extendTrialAction, workspaceId, {
      trialEnd: day(new Date(before.trialEnd!.getTime() - 2 * DAY_MS)),
    });
    expect(earlier.fieldErrors?.trialEnd?.[0]).toMatch(/already runs until/);
    const notADate = await act(actions.extendTrialAction, workspaceId, { trialEnd: "2027-02-31" });
    expect(notADate.fieldErrors?.trialEnd?.[0]).toMatch(/not a date on the calendar/);

    const target = day(new Date(before.trialEnd!.getTime() + 10 * DAY_MS));
    const result = await act(actions.extendTrialAction, workspaceId, { trialEnd: target });
    expect(result.error).toBeUndefined();
    const trialEnd = new Date(`${target}T23:59:59Z`);
    expect((await harness.stripe.subscriptions.retrieve(subscriptionId)).trial_end).toBe(
      trialEnd.getTime() / 1000,
    );
    await settle();
    expect((await account(workspaceId)).trialEnd?.toISOString()).toBe(trialEnd.toISOString());
    expect(await page(workspaceId)).toContain(`until ${target}`);
    const [entry] = await adminEntries(workspaceId, "admin.trial_extended");
    expect(entry?.metadata).toMatchObject({ to: trialEnd.toISOString() });
  });

  it("switches plan and seats, converging plan, seats and MRR", async () => {
    const { workspaceId } = await subscribed({ paid: true });
    const tooFew = await act(actions.switchPlanAction, workspaceId, {
      planId: "team",
      interval: "monthly",
      seats: "2",
    });
    expect(tooFew.fieldErrors?.seats?.[0]).toMatch(/at least 3 seats/);
    const enterprise = await act(actions.switchPlanAction, workspaceId, {
      planId: "enterprise",
      interval: "monthly",
    });
    expect(enterprise.fieldErrors?.planId?.[0]).toMatch(/Pick Pro or Team/);

    // A minute on in Stripe, so the change is a history row of its own (changes within one
    // second are one row).
    await harness.control("advance", { seconds: 60 });
    const result = await act(actions.switchPlanAction, workspaceId, {
      planId: "team",
      interval: "monthly",
      seats: "5",
    });
    expect(result.error).toBeUndefined();
    expect((await account(workspaceId)).planId).toBe("pro");
    await settle();
    const after = await account(workspaceId);
    expect(after).toMatchObject({ planId: "team", seats: 5, status: "active" });
    expect(after.mrrCents).toBe(5 * 1200);
    const [latest] = await db
      .select()
      .from(subscriptionHistory)
      .where(eq(subscriptionHistory.workspaceId, workspaceId))
      .orderBy(desc(subscriptionHistory.effectiveAt))
      .limit(1);
    expect(latest).toMatchObject({ planId: "team", seats: 5, movement: "expansion" });
  });

  it("applies a coupon that exists in Stripe, and names the field for one that doesn't", async () => {
    const { workspaceId, subscriptionId } = await subscribed({ paid: true });
    const couponId = `SAVE20-${Date.now().toString(36)}`;
    await harness.stripe.coupons.create({ id: couponId, percent_off: 20, duration: "forever" });
    const unknown = await act(actions.applyCouponAction, workspaceId, { couponId: "NOPE-404" });
    expect(unknown.fieldErrors?.couponId?.[0]).toMatch(/Stripe has no coupon/);
    const junk = await act(actions.applyCouponAction, workspaceId, { couponId: "a b" });
    expect(junk.fieldErrors?.couponId?.[0]).toMatch(/only letters/);

    const result = await act(actions.applyCouponAction, workspaceId, { couponId });
    expect(result.error).toBeUndefined();
    const subscription = await harness.stripe.subscriptions.retrieve(subscriptionId);
    expect(JSON.stringify(subscription.discounts)).toContain(couponId);
    await settle();
    const markup = await page(workspaceId);
    expect(markup).toContain(`${couponId}: 20% off, forever`);
    expect(markup).toContain("Applied");
    expect(markup).not.toContain("Pending: waiting for Stripe");
  });
});

describe("manual Enterprise contracts", () => {
  it("puts a Free workspace on Enterprise with a manual history row", async () => {
    const workspace = await createWorkspaceRow({ name: "Contract Co" });
    const missing = await act(actions.grantContractAction, workspace.id, {
      seats: "",
      monthlyAmount: "abc",
    });
    expect(missing.fieldErrors?.seats).toBeDefined();
    expect(missing.fieldErrors?.monthlyAmount?.[0]).toMatch(/amount in dollars/);

    const result = await act(actions.grantContractAction, workspace.id, {
      seats: "200",
      monthlyAmount: "4000",
    });
    expect(result.success).toMatch(/in force/);
    expect(await account(workspace.id)).toMatchObject({
      planId: "enterprise",
      status: "active",
      seats: 200,
      amountCents: 400_000,
      mrrCents: 400_000,
    });
    const [row] = await db
      .select()
      .from(subscriptionHistory)
      .where(eq(subscriptionHistory.workspaceId, workspace.id));
    expect(row).toMatchObject({ source: "manual", movement: "new", mrrCents: 400_000 });
    expect(await adminEntries(workspace.id, "admin.enterprise_contract_granted")).toHaveLength(1);
    const again = await act(actions.grantContractAction, workspace.id, {
      seats: "200",
      monthlyAmount: "4000",
    });
    expect(again.error).toMatch(/has this Enterprise contract already/);
  });

  it("refuses while a live Stripe subscription would keep billing", async () => {
    const { workspaceId } = await subscribed();
    const result = await act(actions.grantContractAction, workspaceId, {
      seats: "50",
      monthlyAmount: "1000",
    });
    expect(result.error).toMatch(/Cancel it first/);
    expect((await account(workspaceId)).planId).toBe("pro");
  });
});

describe("unknown ids", () => {
  it("404s the page and refuses every action, changing nothing", async () => {
    for (const id of ["ws_doesnotexist000000000", "not an id", "../../etc"]) {
      actAs(operatorCookie);
      expect(
        await isNotFound(() => WorkspacePage({ params: Promise.resolve({ workspaceId: id }) })),
      ).toBe(true);
      const result = await act(actions.refundAction, id, { amount: "1" });
      expect(result.code).toBe("not_found");
    }
  });
});

describe("the workspace list", () => {
  const tag = `wl${Date.now().toString(36)}`;
  let ids: string[];

  beforeAll(async () => {
    ids = [];
    for (let i = 0; i < WORKSPACE_PAGE_SIZE + 2; i++) {
      const workspace = await createWorkspaceRow({ name: `${tag} crowd ${i}` });
      ids.push(workspace.id);
      await db
        .update(billingAccounts)
        .set({
          planId: "pro",
          status: "active",
          billingInterval: i % 2 ? "yearly" : "monthly",
          amountCents: i % 2 ? 29_000 + i * 1200 : 2900 + i * 100,
          stripeSubscriptionId: `sub_${tag}${i}`,
          stripeCustomerId: `cus_${tag}${i}`,
        })
        .where(eq(billingAccounts.workspaceId, workspace.id));
    }
    // One in grace (past due for a day) and one past it (ten days).
    await db
      .update(billingAccounts)
      .set({ status: "past_due", pastDueSince: new Date(now().getTime() - DAY_MS) })
      .where(eq(billingAccounts.workspaceId, ids[0]!));
    await db
      .update(billingAccounts)
      .set({ status: "past_due", pastDueSince: new Date(now().getTime() - 10 * DAY_MS) })
      .where(eq(billingAccounts.workspaceId, ids[1]!));
  });

  it("pages through a search without overlap, in every sort order", async () => {
    for (const sort of ["newest", "oldest", "name", "mrr"]) {
      const first = await searchWorkspaces(admin, { q: tag, sort });
      expect(first.rows).toHaveLength(WORKSPACE_PAGE_SIZE);
      const second = await searchWorkspaces(admin, { q: tag, sort, cursor: first.nextCursor! });
      expect(second.rows).toHaveLength(2);
      expect(second.nextCursor).toBeNull();
      const all = [...first.rows, ...second.rows];
      expect(new Set(all.map((row) => row.id)).size).toBe(WORKSPACE_PAGE_SIZE + 2);
      if (sort === "mrr") {
        const mrr = all.map((row) => row.mrrCents);
        expect(mrr).toEqual([...mrr].sort((a, b) => b - a));
      }
      if (sort === "name") {
        const names = all.map((row) => row.name);
        expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }
    }
  });

  it("finds a workspace by its id, Stripe customer or subscription id, and filters", async () => {
    const byId = async (q: string) => (await searchWorkspaces(admin, { q })).rows.map((r) => r.id);
    expect(await byId(ids[3]!)).toEqual([ids[3]]);
    expect(await byId(`cus_${tag}4`)).toEqual([ids[4]]);
    expect(await byId(`sub_${tag}5`)).toEqual([ids[5]]);
    const status = async (value: string) =>
      (await searchWorkspaces(admin, { q: tag, status: value })).rows.map((r) => r.id);
    expect(await status("grace")).toEqual([ids[0]]);
    expect(await status("past_due")).toEqual([ids[1]]);
    expect(await status("trialing")).toEqual([]);
    expect((await searchWorkspaces(admin, { q: tag, plan: "team" })).rows).toEqual([]);
    // A yearly price counts a twelfth as MRR.
    const [yearly] = (await searchWorkspaces(admin, { q: ids[3]! })).rows;
    expect(yearly!.mrrCents).toBe(Math.floor((29_000 + 3 * 1200) / 12));
  });

  it("names the field of a bad filter or a stale page link", async () => {
    const error = async (input: Record<string, string>) => {
      const thrown = await searchWorkspaces(admin, input).catch((e: unknown) => e);
      return isAppError(thrown) ? thrown.fieldErrors : null;
    };
    expect((await error({ status: "deleted" }))?.status).toEqual(["Pick a status from the list."]);
    expect((await error({ plan: "gold" }))?.plan).toEqual(["Pick a plan from the list."]);
    const first = await searchWorkspaces(admin, { q: tag, sort: "name" });
    // A cursor of another sort order is out of date, not a 500.
    expect((await error({ q: tag, sort: "mrr", cursor: first.nextCursor! }))?.cursor).toEqual([
      "This page link is out of date.",
    ]);
    // So is a forged one: a day that isn't on the calendar never reaches the database.
    const forged = Buffer.from(
      JSON.stringify(["newest", "2026-02-31 10:00:00.123456+00", "ws_abc"]),
    ).toString("base64url");
    expect((await error({ sort: "newest", cursor: forged }))?.cursor).toEqual([
      "This page link is out of date.",
    ]);
  });

  it("renders the list with labelled filters, status words and Stripe Dashboard links", async () => {
    actAs(operatorCookie);
    const markup = html(
      await WorkspacesPage({ searchParams: Promise.resolve({ q: `cus_${tag}0` }) }),
    );
    expect(markup).toContain(`${tag} crowd 0`);
    expect(markup).toContain("Past due, in grace");
    expect(markup).toContain(`https://dashboard.stripe.com/test/customers/cus_${tag}0`);
    expect(markup).toContain(`https://dashboard.stripe.com/test/subscriptions/sub_${tag}0`);
    expect(markup).toMatch(/<label[^>]*for="workspaces-status"/);
    expect(markup).toContain("<caption");
    const bad = html(await WorkspacesPage({ searchParams: Promise.resolve({ sort: "random" }) }));
    expect(bad).toContain("Pick a sort order from the list.");
  });
});
