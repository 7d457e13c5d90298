// The scale seed (`npm run db:seed -- --scale`), shrunk to 200 workspaces and 4,000 history rows:
// billing accounts in mixed plans and statuses with Stripe-like ids that the console's lookup
// finds, a history whose previous values and movements follow the rules of
// lib/db/schema/billing.ts, each account equal to its last history row, and a second run that
// changes nothing.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { connect } from "@/lib/db/client";
import { scaleStripeIds, scaleWorkspaceId, seedScaleData } from "@/lib/db/seed-scale";

// The seed runs as `npm run db:seed` runs it: a script's client, without the app's 2 s statement
// deadline (lib/db keeps one client per process; this one is installed before it opens its own).
(globalThis as { __problemboardDatabase?: unknown }).__problemboardDatabase = connect(
  process.env.DATABASE_URL!,
  { embedded: process.env.DATABASE_EMBEDDED === "1" },
);
const { db } = await import("@/lib/db");
const { resolveLookup } = await import("@/lib/admin/lookup-customer");
const { createWorkspaceRow } = await import("../support/factories");

const SIZES = { users: 2_600, workspaces: 200, historyRows: 4_000 };
const admin = { userId: "usr_test", platformRole: "admin" as const, impersonatorId: null };
const md5 = (text: string) => createHash("md5").update(text).digest("hex");

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const rows = await db.execute<Record<string, unknown>>(query);
  return rows[0] as T;
}

const counts = () =>
  one<{ users: number; workspaces: number; accounts: number; history: number }>(sql`
    select (select count(*)::int from users where id like 'usr\\_scale%') as users,
           (select count(*)::int from workspaces where id like 'ws\\_scale%') as workspaces,
           (select count(*)::int from billing_accounts where workspace_id like 'ws\\_scale%') as accounts,
           (select count(*)::int from subscription_history where id like 'subh\\_scale%') as history`);

let first: Awaited<ReturnType<typeof seedScaleData>>;
let hostId: string;
const logged: string[] = [];

beforeAll(async () => {
  hostId = (await createWorkspaceRow({ name: "Scale host" })).id;
  first = await seedScaleData(db, hostId, (line) => logged.push(line), SIZES);
}, 180_000);

describe("the scale seed", () => {
  it("creates every part, says how long each took, and the rows it promises", async () => {
    expect(first.created).toBe(true);
    expect(first.parts.map((p) => p.name.split(" ")[0])).toEqual([
      "board",
      "users",
      "workspaces",
      "subscription",
      "analyze",
    ]);
    expect(logged.filter((line) => / done in \d+\.\d s$/.test(line))).toHaveLength(5);
    expect(await counts()).toEqual({
      users: 2_600,
      workspaces: 200,
      accounts: 200,
      history: 4_000,
    });
  });

  it("gives billing accounts mixed plans and statuses, with unique Stripe-like ids when subscribed", async () => {
    const mix = await db.execute<{ plan_id: string; status: string; n: number }>(sql`
      select plan_id, status, count(*)::int as n from billing_accounts
      where workspace_id like 'ws\\_scale%' group by 1, 2 order by 1, 2`);
    expect(mix.map((r) => `${r.plan_id}/${r.status}:${r.n}`)).toEqual([
      "enterprise/active:20",
      "free/canceled:30",
      "free/none:20",
      "pro/active:30",
      "team/active:70",
      "team/past_due:10",
      "team/trialing:20",
    ]);
    const ids = await one<{ customers: number; distinct: number; shaped: number }>(sql`
      select count(stripe_customer_id)::int as customers,
             count(distinct stripe_customer_id)::int as distinct,
             count(*) filter (where stripe_customer_id ~ '^cus_[0-9a-f]{14}$'
                              and stripe_subscription_id ~ '^sub_[0-9a-f]{14}$')::int as shaped
      from billing_accounts where workspace_id like 'ws\\_scale%'`);
    expect(ids).toEqual({ customers: 180, distinct: 180, shaped: 180 });
  });

  it("writes a history whose previous values and movements follow the table's rules", async () => {
    const wrong = await one<{ n: number; workspaces: number }>(sql`
      with h as (
        select *, lag(mrr_cents, 1, 0) over w as lag_mrr, lag(status, 1, 'none') over w as lag_status,
          count(*) filter (where mrr_cents > 0) over (partition by workspace_id order by effective_at
            rows between unbounded preceding and 1 preceding) as earlier_revenue
        from subscription_history where id like 'subh\\_scale%'
        window w as (partition by workspace_id order by effective_at)
      )
      select count(*) filter (where previous_mrr_cents <> lag_mrr or previous_status <> lag_status
        or movement <> case
          when mrr_cents > 0 and lag_mrr = 0 then
            case when earlier_revenue = 0 then 'new' else 'reactivation' end
          when mrr_cents = 0 and lag_mrr > 0 then 'churn'
          when mrr_cents > lag_mrr then 'expansion'
          when mrr_cents < lag_mrr then 'contraction'
          else 'none' end
        or mrr_cents <> case when status in ('active', 'past_due') then
          case when billing_interval = 'yearly' then amount_cents / 12 else amount_cents end else 0 end
      )::int as n,
      count(distinct workspace_id)::int as workspaces
      from h`);
    expect(wrong.n).toBe(0);
    expect(wrong.workspaces).toBe(180);
    // Each subscription's life runs from its workspace's creation to now (24 months at full size).
    const outside = await one<{ n: number }>(sql`
      select count(*)::int as n from subscription_history h join workspaces w on w.id = h.workspace_id
      where h.id like 'subh\\_scale%' and (h.effective_at < w.created_at or h.effective_at > now())`);
    expect(outside.n).toBe(0);
    const movements = await db.execute<{ movement: string }>(sql`
      select distinct movement from subscription_history where id like 'subh\\_scale%' order by 1`);
    expect(movements.map((r) => r.movement)).toEqual([
      "churn",
      "contraction",
      "expansion",
      "new",
      "none",
      "reactivation",
    ]);
  });

  it("leaves each billing account as its subscription's last history row says", async () => {
    const mismatched = await one<{ n: number }>(sql`
      select count(*)::int as n from billing_accounts b
      join lateral (select * from subscription_history h where h.workspace_id = b.workspace_id
                    order by effective_at desc limit 1) last on true
      where b.workspace_id like 'ws\\_scale%'
        and (b.plan_id, b.status, b.seats, b.amount_cents, b.stripe_customer_id)
          is distinct from (last.plan_id, last.status, last.seats, last.amount_cents, last.stripe_customer_id)`);
    expect(mismatched.n).toBe(0);
  });

  it("uses the Stripe ids the benchmark computes, so the console's lookup finds them", async () => {
    for (const w of [3, 47, 199]) {
      const { customerId, subscriptionId } = scaleStripeIds(w, md5);
      for (const q of [customerId, subscriptionId, scaleWorkspaceId(w)]) {
        expect(await resolveLookup(admin, q)).toEqual({
          kind: "workspace",
          workspaceId: scaleWorkspaceId(w),
        });
      }
    }
  });

  it("does nothing the second time", async () => {
    const before = await counts();
    const again = await seedScaleData(db, hostId, () => {}, SIZES);
    expect(again.created).toBe(false);
    expect(again.parts.every((part) => !part.created)).toBe(true);
    expect(await counts()).toEqual(before);
  });
});
