// Revenue analytics (/admin/revenue): a scripted 24-month subscription history, written the way
// production writes it (Stripe subscription snapshots in the event ledger, derived into
// subscription_history by rebuildHistory, which moves the rollups in the same transaction),
// checked against an MRR movements table computed by hand below. Then: the rollups equal the
// direct computation from the history (also after a late event re-derives rows, and after a
// rebuild from scratch), the page shows the table, the CSV says what the page says, and
// nobody but a platform admin gets either. Every time is relative to the test's clock.
import { JSDOM } from "jsdom";
import type Stripe from "stripe";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { rebuildHistory } from "@/lib/billing/history";
import { enqueue } from "@/lib/jobs";
import { SCHEDULES } from "@/lib/jobs/schedules";
import { drainJobs } from "@/lib/jobs/worker";
import { db } from "@/lib/db";
import { revenueDaily, revenueDailyPlans, stripeEvents, users } from "@/lib/db/schema";
import { createId } from "@/lib/ids";
import { refreshActivity } from "@/lib/admin/revenue/activity";
import { computeRevenueDirect } from "@/lib/admin/revenue/compute-revenue-direct";
import { readRevenueRollups } from "@/lib/admin/revenue/get-revenue-report";
import { rebuildRevenueRollups } from "@/lib/admin/revenue/rollups";
import { CSV_COLUMNS, revenueCsv } from "@/lib/admin/revenue/revenue-tables";
import type { RevenueReport } from "@/lib/admin/revenue/build-report";
import { actAs, html, isNotFound, wallPersonas } from "../support/admin-request";
import { installClock } from "../support/clock";
import {
  createBoardRow,
  createProblemRow,
  createUser,
  createWorkspaceRow,
} from "../support/factories";

vi.mock("next/headers", () => import("../support/next-stubs").then((m) => m.nextHeaders));
vi.mock("next/navigation", () => import("../support/next-stubs").then((m) => m.nextNavigation));
vi.mock("next/cache", () => import("../support/next-stubs").then((m) => m.nextCache));

const { default: RevenuePage } = await import("@/app/admin/revenue/page");
const { GET: exportCsv } = await import("@/app/admin/revenue/export/route");

// "Now" is the 20th of the current UTC month at noon (from the system clock, never a literal), so
// that events early in the current month are in the past whatever the day the test runs.
const real = new Date();
const NOW = new Date(Date.UTC(real.getUTCFullYear(), real.getUTCMonth(), 20, 12));
/** Noon UTC on `day` of the month `offset` months from the current one. */
const at = (offset: number, day: number, hour = 12) =>
  new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() + offset, day, hour));
const monthKey = (offset: number) => at(offset, 1).toISOString().slice(0, 7);

// ---- Stripe subscription snapshots ------------------------------------------------------------

interface Sub {
  id: string;
  status: string;
  lookupKey: "pro_monthly" | "pro_yearly" | "team_monthly" | "team_yearly";
  seats?: number;
  created: Date;
  cancelAtPeriodEnd?: boolean;
}
const UNIT = { pro_monthly: 2900, pro_yearly: 29000, team_monthly: 1200, team_yearly: 12000 };

function snapshot(customer: string, sub: Sub): Stripe.Subscription {
  const created = Math.floor(sub.created.getTime() / 1000);
  return {
    id: sub.id,
    object: "subscription",
    customer,
    status: sub.status,
    created,
    cancel_at_period_end: sub.cancelAtPeriodEnd ?? false,
    canceled_at: null,
    trial_end: null,
    items: {
      object: "list",
      data: [
        {
          id: `si_${sub.id}`,
          quantity: sub.seats ?? 1,
          current_period_start: created,
          current_period_end: created + 30 * 86_400,
          price: {
            id: `price_${sub.lookupKey}`,
            lookup_key: sub.lookupKey,
            unit_amount: UNIT[sub.lookupKey],
            currency: "usd",
            metadata: {},
          },
        },
      ],
    },
  } as unknown as Stripe.Subscription;
}

interface Customer {
  workspaceId: string;
  customerId: string;
}

async function customer(name: string): Promise<Customer> {
  const workspace = await createWorkspaceRow({ name });
  return { workspaceId: workspace.id, customerId: `cus_${createId("x").slice(2)}` };
}

/** A subscription event as the webhook ledger stores it, then the history derivation. */
async function stripeEvent(
  who: Customer,
  when: Date,
  sub: Sub,
  type = "customer.subscription.updated",
) {
  await db.insert(stripeEvents).values({
    id: `evt_${createId("x").slice(2)}`,
    type,
    customerId: who.customerId,
    workspaceId: who.workspaceId,
    createdAt: when,
    status: "processed",
    payload: { data: { object: snapshot(who.customerId, sub) } },
  });
  await db.transaction((tx) => rebuildHistory(tx, who.workspaceId));
}

const created = "customer.subscription.created";
const deleted = "customer.subscription.deleted";

// ---- The expected table, computed by hand ----------------------------------------------------
//
// MRR in cents: Pro $29/month = 2900; Pro $290/year = 29000 / 12 = 2417 (rounded); Team
// $12/seat/month; Team $120/seat/year = 1000 per seat per month.
//
// Before the window (months −23 … −12): Fjord new 2900 (−22), Acme new 2900 (−20), Bolt new
// 2900 (−15), Fjord churn 2900 (−13), Glen new 4800 (−12). MRR at the start of month −11 is
// Acme 2900 + Bolt 2900 + Glen 4800 = 10600, with 3 paying customers.
//
// month: [new, expansion, reactivation, contraction, churn, MRR at end, customers at end]
const EXPECTED: Record<number, [number, number, number, number, number, number, number]> = {
  [-11]: [0, 0, 0, 0, 0, 10600, 3],
  [-10]: [2417, 0, 0, 0, 0, 13017, 4], // Cedar starts on Pro yearly
  [-9]: [0, 0, 0, 0, 0, 13017, 4],
  [-8]: [0, 3100, 0, 0, 0, 16117, 4], // Acme: Pro → Team × 5 (2900 → 6000)
  [-7]: [0, 0, 0, 0, 0, 16117, 4],
  [-6]: [0, 0, 0, 0, 2900, 13217, 3], // Bolt cancels
  [-5]: [0, 0, 0, 2400, 0, 10817, 3], // Acme: 5 → 3 seats (6000 → 3600)
  [-4]: [2900, 0, 0, 0, 0, 13717, 4], // Dune's trial converts; Echo's trial expires
  [-3]: [0, 0, 3600, 0, 0, 17317, 5], // Bolt comes back on Team × 3
  [-2]: [0, 1583, 0, 0, 0, 18900, 5], // Cedar: Pro yearly → Team yearly × 4 (2417 → 4000)
  [-1]: [0, 0, 0, 0, 0, 18900, 5], // Glen past due (still MRR); Harbor starts a trial
  [0]: [2900, 0, 0, 0, 4800, 17000, 5], // Glen unpaid (churn); Harbor's trial converts
};

async function scriptHistory() {
  const acme = await customer("Acme");
  const bolt = await customer("Bolt");
  const cedar = await customer("Cedar");
  const dune = await customer("Dune");
  const echo = await customer("Echo");
  const fjord = await customer("Fjord");
  const glen = await customer("Glen");
  const harbor = await customer("Harbor");

  // Fjord: new, cancel at period end (no MRR change), churned before the window.
  const fj = { id: "sub_fjord", lookupKey: "pro_monthly" as const, created: at(-22, 4) };
  await stripeEvent(fjord, at(-22, 4), { ...fj, status: "active" }, created);
  await stripeEvent(fjord, at(-14, 4), { ...fj, status: "active", cancelAtPeriodEnd: true });
  await stripeEvent(
    fjord,
    at(-13, 4),
    { ...fj, status: "canceled", cancelAtPeriodEnd: true },
    deleted,
  );

  // Acme: new, upgrade, downgrade.
  const ac = { id: "sub_acme", created: at(-20, 3) };
  await stripeEvent(
    acme,
    at(-20, 3),
    { ...ac, status: "active", lookupKey: "pro_monthly" },
    created,
  );
  await stripeEvent(acme, at(-8, 10), {
    ...ac,
    status: "active",
    lookupKey: "team_monthly",
    seats: 5,
  });
  await stripeEvent(acme, at(-5, 12), {
    ...ac,
    status: "active",
    lookupKey: "team_monthly",
    seats: 3,
  });

  // Bolt: new, cancel, reactivation on a new subscription.
  const b1 = { id: "sub_bolt_1", lookupKey: "pro_monthly" as const, created: at(-15, 5) };
  await stripeEvent(bolt, at(-15, 5), { ...b1, status: "active" }, created);
  await stripeEvent(bolt, at(-6, 7), { ...b1, status: "canceled" }, deleted);
  const b2 = { id: "sub_bolt_2", lookupKey: "team_monthly" as const, seats: 3, created: at(-3, 9) };
  await stripeEvent(bolt, at(-3, 9), { ...b2, status: "active" }, created);

  // Glen: new just before the window, past due, then unpaid this month.
  const gl = { id: "sub_glen", lookupKey: "team_monthly" as const, seats: 4, created: at(-12, 20) };
  await stripeEvent(glen, at(-12, 20), { ...gl, status: "active" }, created);
  await stripeEvent(glen, at(-1, 10), { ...gl, status: "past_due" });
  await stripeEvent(glen, at(0, 5), { ...gl, status: "unpaid" });

  // Cedar: annual plan, then a bigger annual plan.
  const ce = { id: "sub_cedar", created: at(-10, 2) };
  await stripeEvent(
    cedar,
    at(-10, 2),
    { ...ce, status: "active", lookupKey: "pro_yearly" },
    created,
  );
  await stripeEvent(cedar, at(-2, 15), {
    ...ce,
    status: "active",
    lookupKey: "team_yearly",
    seats: 4,
  });

  // Dune: a trial that converts. Echo: a trial that expires unpaid.
  const du = { id: "sub_dune", lookupKey: "pro_monthly" as const, created: at(-4, 1) };
  await stripeEvent(dune, at(-4, 1), { ...du, status: "trialing" }, created);
  await stripeEvent(dune, at(-4, 15), { ...du, status: "active" });
  const ec = { id: "sub_echo", lookupKey: "team_monthly" as const, seats: 3, created: at(-4, 3) };
  await stripeEvent(echo, at(-4, 3), { ...ec, status: "trialing" }, created);
  await stripeEvent(echo, at(-4, 17), { ...ec, status: "canceled" }, deleted);

  // Harbor: a trial started last month, converting this month.
  const ha = { id: "sub_harbor", lookupKey: "pro_monthly" as const, created: at(-1, 25) };
  await stripeEvent(harbor, at(-1, 25), { ...ha, status: "trialing" }, created);
  await stripeEvent(harbor, at(0, 8), { ...ha, status: "active" });

  return { acme };
}

const movements = (report: RevenueReport) =>
  Object.fromEntries(
    report.months.map((m, i) => [
      i - 11,
      [
        m.newCents,
        m.expansionCents,
        m.reactivationCents,
        m.contractionCents,
        m.churnCents,
        m.mrrEndCents,
        m.customersEnd,
      ],
    ]),
  );

let acme: Customer;

beforeAll(async () => {
  ({ acme } = await scriptHistory());
});

describe("revenue analytics from a scripted 24-month history", () => {
  it("computes the MRR movements table the hand computation gives", async () => {
    installClock(NOW);
    const report = await readRevenueRollups();
    expect(report.months.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => monthKey(i - 11)),
    );
    expect(report.months[0]!.mrrStartCents).toBe(10600);
    expect(report.months[0]!.customersStart).toBe(3);
    expect(movements(report)).toEqual(EXPECTED);

    // Now: MRR, ARR, customers, ARPA and customers per plan.
    expect(report.mrrCents).toBe(17000);
    expect(report.arrCents).toBe(204000);
    expect(report.customers).toBe(5);
    expect(report.arpaCents).toBe(3400);
    // Acme 3600, Bolt 3600, Cedar 4000 on Team; Dune 2900, Harbor 2900 on Pro.
    expect(report.plans).toEqual([
      { planId: "team", customers: 3, mrrCents: 11200 },
      { planId: "pro", customers: 2, mrrCents: 5800 },
    ]);
  });

  it("derives churn, retention and trial conversion from the movements", async () => {
    installClock(NOW);
    const { months } = await readRevenueRollups();
    const month = (offset: number) => months[offset + 11]!;
    // Bolt cancels in month −6: 1 of 4 customers; 2900 of 16117.
    expect(month(-6).logoChurnRate).toBe(1 / 4);
    expect(month(-6).revenueChurnRate).toBeCloseTo(2900 / 16117, 10);
    expect(month(-6).nrr).toBeCloseTo(13217 / 16117, 10);
    expect(month(-6).grr).toBeCloseTo(13217 / 16117, 10);
    // Acme's contraction in month −5: no logo lost, revenue churn 2400 of 13217.
    expect(month(-5).logoChurnRate).toBe(0);
    expect(month(-5).revenueChurnRate).toBeCloseTo(2400 / 13217, 10);
    // Cedar's expansion in month −2: NRR above 100 %, GRR exactly 100 %.
    expect(month(-2).nrr).toBeCloseTo((17317 + 1583) / 17317, 10);
    expect(month(-2).grr).toBe(1);
    // Month −4: two trials started, one converted, one expired.
    expect(month(-4)).toMatchObject({ trialsStarted: 2, trialsConverted: 1, trialsExpired: 1 });
    expect(month(-4).trialConversion).toBe(0.5);
    expect(month(-1)).toMatchObject({ trialsStarted: 1, trialsConverted: 0, trialsExpired: 0 });
    expect(month(-1).trialConversion).toBeNull();
    // This month: Glen churns (1 of 5), Harbor converts.
    expect(month(0).logoChurnRate).toBe(1 / 5);
    expect(month(0).trialConversion).toBe(1);
    expect(month(-4).arpaCents).toBe(Math.round(13717 / 4));
  });

  it("keeps the rollups equal to the direct computation, after a late event and a rebuild", async () => {
    installClock(NOW);
    expect(await readRevenueRollups()).toEqual(await computeRevenueDirect());

    // A late event: Acme went to 6 seats in month −7, and Stripe's event arrives only now. The
    // history after it is re-derived; the rollups move with it in the same transaction.
    await stripeEvent(acme, at(-7, 1), {
      id: "sub_acme",
      created: at(-20, 3),
      status: "active",
      lookupKey: "team_monthly",
      seats: 6,
    });
    const late = await readRevenueRollups();
    expect(late).toEqual(await computeRevenueDirect());
    expect(late.months[-7 + 11]!.expansionCents).toBe(1200); // 6000 → 7200
    expect(late.months[-5 + 11]!.contractionCents).toBe(3600); // 7200 → 3600
    expect(late.mrrCents).toBe(17000);

    // Rollups lost or wrong: the backfill rebuilds them from the history.
    await db.delete(revenueDailyPlans).where(sql`true`);
    await db
      .update(revenueDaily)
      .set({ newCents: 999_999 })
      .where(sql`true`);
    expect((await readRevenueRollups()).mrrCents).not.toBe(17000);
    await rebuildRevenueRollups();
    expect(await readRevenueRollups()).toEqual(late);
  });

  it("stays equal to the history when workspaces change while a rebuild runs", async () => {
    installClock(NOW);
    // Ten new paying workspaces whose events are in the ledger but not yet in the history …
    const pending: Customer[] = [];
    for (let i = 0; i < 10; i += 1) {
      const who = await customer(`Concurrent ${i}`);
      await db.insert(stripeEvents).values({
        id: `evt_${createId("x").slice(2)}`,
        type: created,
        customerId: who.customerId,
        workspaceId: who.workspaceId,
        createdAt: at(-1, 2 + i),
        status: "processed",
        payload: {
          data: {
            object: snapshot(who.customerId, {
              id: `sub_concurrent_${i}`,
              status: "active",
              lookupKey: "team_monthly",
              seats: 3,
              created: at(-1, 2 + i),
            }),
          },
        },
      });
      pending.push(who);
    }
    const before = await readRevenueRollups();
    // … derived all at once, with a rebuild of the rollups in the middle of them.
    await Promise.all([
      ...pending.map((who) => db.transaction((tx) => rebuildHistory(tx, who.workspaceId))),
      rebuildRevenueRollups(),
    ]);
    const after = await readRevenueRollups();
    expect(after).toEqual(await computeRevenueDirect());
    expect(after.months[-1 + 11]!.newCents - before.months[-1 + 11]!.newCents).toBe(10 * 3600);
    expect(after.mrrCents - before.mrrCents).toBe(10 * 3600);
  });

  it("is rebuilt by the nightly job, which also refreshes today's activity", async () => {
    installClock(NOW);
    const { mrrCents } = await computeRevenueDirect();
    await db.delete(revenueDaily).where(sql`true`);
    await db.delete(revenueDailyPlans).where(sql`true`);
    expect((await readRevenueRollups()).mrrCents).toBe(0);
    expect(SCHEDULES.map((s) => s.job)).toEqual(
      expect.arrayContaining(["revenue.rebuild", "revenue.activity"]),
    );
    await enqueue("revenue.rebuild", {});
    expect(await drainJobs()).toMatchObject({ completed: 1, dead: 0 });
    const rebuilt = await readRevenueRollups();
    expect(rebuilt).toEqual(await computeRevenueDirect());
    expect(rebuilt.mrrCents).toBe(mrrCents);
    expect(rebuilt.activity?.day).toBe(NOW.toISOString().slice(0, 10));
  });

  it("counts sign-ups and weekly actives from the activity data", async () => {
    installClock(NOW);
    const signedUp = [];
    for (const day of [3, 9, 27]) {
      const user = await createUser();
      await db
        .update(users)
        .set({ createdAt: at(-3, day) })
        .where(eq(users.id, user.id));
      signedUp.push(user);
    }
    // One of them posts a problem on the 26th of month −2: active in the last week of it.
    const workspace = await createWorkspaceRow();
    const board = await createBoardRow(workspace.id);
    await createProblemRow(board, signedUp[0]!.id, { createdAt: at(-2, 26) });
    await refreshActivity({ all: true });
    const { months } = await readRevenueRollups();
    expect(months[-3 + 11]!.signups).toBe(3);
    expect(months[-2 + 11]).toMatchObject({ weeklyActiveUsers: 1, weeklyActiveWorkspaces: 1 });
    // Before the first sign-up there is no activity day: no figure rather than a made-up 0.
    expect(months[-4 + 11]).toMatchObject({ signups: 0, weeklyActiveUsers: null });
    expect(months[-1 + 11]).toMatchObject({ weeklyActiveUsers: 0, weeklyActiveWorkspaces: 0 });
  });
});

describe("the /admin/revenue page and its CSV", () => {
  let personas: Awaited<ReturnType<typeof wallPersonas>>["personas"];
  beforeAll(async () => {
    ({ personas } = await wallPersonas());
  });

  it("shows the movements table, and the CSV says exactly what the page's tables say", async () => {
    installClock(NOW);
    actAs(personas["platform admin"]);
    const page = new JSDOM(html(await RevenuePage())).window.document;
    const movementRows = [...page.querySelectorAll("#mrr-movements tbody tr")];
    expect(movementRows).toHaveLength(12);
    const current = page.querySelector(`#mrr-movements tr[data-month="${monthKey(0)}"]`)!;
    expect(current.querySelector("th")!.textContent).toContain("(to date)");
    expect(current.querySelector('[data-column="churned_usd"]')!.textContent).toBe("$48.00");
    // $170.00 by the hand computation, plus the ten Team × 3 workspaces of the concurrency test.
    expect(current.querySelector('[data-column="mrr_end_usd"]')!.textContent).toBe("$530.00");
    expect(page.body.textContent).toContain("Definitions");

    actAs(personas["platform admin"]);
    const response = await exportCsv();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const csv = await response.text();
    expect(csv).toBe(revenueCsv(await readRevenueRollups()));
    const [header, ...lines] = csv.trimEnd().split("\r\n");
    expect(header!.split(",")).toEqual(CSV_COLUMNS.map((c) => c.csvHeader));
    expect(lines).toHaveLength(12);

    // Every figure of every table on the page is in the CSV, on the month's line.
    let compared = 0;
    for (const line of lines) {
      const values = Object.fromEntries(
        line.split(",").map((v, i) => [CSV_COLUMNS[i]!.csvHeader, v]),
      );
      for (const cell of page.querySelectorAll(
        `tr[data-month="${values.month}"] td[data-column]`,
      )) {
        const shown = cell.textContent!.replace(/[$,%]/g, "");
        const exported = values[cell.getAttribute("data-column")!]!;
        expect(
          shown === "—" ? "" : shown,
          `${values.month} ${cell.getAttribute("data-column")}`,
        ).toBe(exported);
        compared += 1;
      }
    }
    expect(compared).toBe(12 * (CSV_COLUMNS.length - 1));
    const last = lines[lines.length - 1]!.split(",");
    expect(last[CSV_COLUMNS.findIndex((c) => c.csvHeader === "mrr_end_usd")]).toBe("530.00");
  });

  it.each(["workspace owner", "member", "anonymous"] as const)(
    "answers 404 to a %s, for the page and the CSV",
    async (persona) => {
      actAs(personas[persona]);
      expect(await isNotFound(() => RevenuePage())).toBe(true);
      actAs(personas[persona]);
      expect(await isNotFound(() => exportCsv())).toBe(true);
    },
  );
});
