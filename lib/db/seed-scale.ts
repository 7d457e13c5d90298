import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Database } from "./client";

export const SCALE_BOARD = { slug: "scale", name: "Scale test board" };

/**
 * How big `--scale` makes the database: the board part (one board's problems, votes, comments
 * from BOARD_CUSTOMERS synthetic users) and the customer part the operator console is measured
 * on (USERS users in all, WORKSPACES workspaces with billing accounts, HISTORY_ROWS rows of
 * subscription history over MONTHS months).
 */
export const SCALE_SIZES = {
  boardCustomers: 2_000,
  users: 100_000,
  workspaces: 20_000,
  /** Workspaces `w` with `w % 20 < 2` never subscribed: free, no Stripe ids, no history. */
  historyRows: 1_000_000,
} as const;

/** What a test may shrink (workspaces a multiple of 20; users at least 2,000 + workspaces). */
export interface ScaleSizes {
  users: number;
  workspaces: number;
  historyRows: number;
}

/** The workspaces with a subscription (and so with history): 18 of every 20. */
const subscribed = (sizes: ScaleSizes) => (sizes.workspaces * 18) / 20;

/**
 * The Stripe-like ids of scale workspace `w` (1-based), as the seed writes them: 14 hex
 * characters after the prefix, derived from `w` so that a benchmark can name one.
 */
export function scaleStripeIds(w: number, md5: (text: string) => string) {
  return {
    customerId: `cus_${md5(`scale-customer-${w}`).slice(0, 14)}`,
    subscriptionId: `sub_${md5(`scale-subscription-${w}`).slice(0, 14)}`,
  };
}

/** Ids of the synthetic customers (one underscore, as `isId` and real ids have). */
export const scaleUserId = (g: number) => `usr_scale${g}`;
export const scaleWorkspaceId = (w: number) => `ws_scale${w}`;

export interface ScalePart {
  name: string;
  created: boolean;
  ms: number;
}

type Log = (line: string) => void;

/** A whole number written into the SQL text (a constant of this file, never input). */
const int = (value: number) => sql.raw(String(Math.trunc(value)));

/**
 * Benchmark data (`npm run db:seed -- --scale`), in parts that each run once (a part whose rows
 * exist is skipped, so a second run does nothing and an interrupted one resumes):
 *
 * 1. board: one public board in the demo workspace with 10,000 problems, 200,000 votes from
 *    2,000 synthetic customers and 50,000 comments;
 * 2. users: 98,000 more users (100,000 synthetic in all), signed up over 24 months, 10 %
 *    unverified and about 1 % banned;
 * 3. workspaces: 20,000 workspaces, each owned by one of the users, 78,000 further memberships,
 *    and a billing account each (Stripe-like `cus_` and `sub_` ids except the never-subscribed);
 * 4. history: 1,000,000 subscription_history rows over those 18,000 subscriptions' lives (trial,
 *    seat changes, churn and reactivation), and each billing account set to its last row: plans
 *    free, pro, team, enterprise; statuses active, trialing, past_due, canceled, none.
 *
 * Set-based SQL (one statement per table) with triggers off (`session_replication_role =
 * replica`: the users trigger would create a personal workspace per user, the workspaces trigger
 * a billing account), then `analyze`. Opt-in only: `npm run dev` seeds the demo data alone.
 */
export async function seedScaleData(
  db: Database,
  workspaceId: string,
  log: Log = () => {},
  sizes: ScaleSizes = SCALE_SIZES,
): Promise<{ created: boolean; parts: ScalePart[] }> {
  if (sizes.workspaces % 20 !== 0 || sizes.users < SCALE_SIZES.boardCustomers + sizes.workspaces) {
    throw new RangeError("scale sizes: workspaces a multiple of 20, users ≥ 2,000 + workspaces");
  }
  const parts: ScalePart[] = [];
  const part = async (name: string, exists: () => Promise<boolean>, run: () => Promise<void>) => {
    const started = performance.now();
    if (await exists()) {
      parts.push({ name, created: false, ms: performance.now() - started });
      log(`  ${name}: already present`);
      return;
    }
    log(`  ${name}: seeding…`);
    await run();
    const ms = performance.now() - started;
    parts.push({ name, created: true, ms });
    log(`  ${name}: done in ${(ms / 1000).toFixed(1)} s`);
  };
  const present = async (query: ReturnType<typeof sql>) =>
    (await db.execute<{ found: number }>(query)).length > 0;

  await part(
    "board (10,000 problems, 200,000 votes, 50,000 comments)",
    () =>
      present(
        sql`select 1 as found from boards where workspace_id = ${workspaceId} and slug = ${SCALE_BOARD.slug}`,
      ),
    () => seedBoard(db, workspaceId),
  );
  await part(
    `users (${(sizes.users - SCALE_SIZES.boardCustomers).toLocaleString("en-US")} more)`,
    () => present(sql`select 1 as found from users where id = ${scaleUserId(sizes.users)}`),
    () => seedUsers(db, sizes),
  );
  await part(
    `workspaces (${sizes.workspaces.toLocaleString("en-US")}, members, billing accounts)`,
    () =>
      present(
        sql`select 1 as found from workspaces where id = ${scaleWorkspaceId(sizes.workspaces)}`,
      ),
    () => seedWorkspaces(db, sizes),
  );
  await part(
    `subscription history (${sizes.historyRows.toLocaleString("en-US")} rows)`,
    () => present(sql`select 1 as found from subscription_history where id = 'subh_scale1'`),
    () => seedHistory(db, sizes),
  );
  const created = parts.some((p) => p.created);
  if (created) {
    const started = performance.now();
    await db.execute(sql`analyze`);
    const ms = performance.now() - started;
    parts.push({ name: "analyze", created: true, ms });
    log(`  analyze: done in ${(ms / 1000).toFixed(1)} s`);
  }
  return { created, parts };
}

async function seedBoard(db: Database, workspaceId: string) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into boards (id, workspace_id, slug, name, description, moderation_mode)
      values ('brd_scale', ${workspaceId}, ${SCALE_BOARD.slug}, ${SCALE_BOARD.name},
              'Synthetic data for benchmarks.', 'publish')`);
    await tx.execute(sql`
      insert into users (id, name, email, email_verified)
      select 'usr_scale_' || g, 'Customer ' || g, 'customer' || g || '@scale.problemboard.dev', true
      from generate_series(1, ${int(SCALE_SIZES.boardCustomers)}) g`);
    const words = sql`array['export','search','invoice','login','slow','email','mobile','billing',
      'import','report','timeout','dashboard','notification','sync','calendar','permission']`;
    await tx.execute(sql`
      insert into problems (id, workspace_id, board_id, author_id, title, body, status, created_at)
      select 'prb_scale_' || g, ${workspaceId}, 'brd_scale', 'usr_scale_' || (1 + g % 2000),
        initcap((${words})[1 + g % 16]) || ' ' || (${words})[1 + (g / 16) % 16] || ' problem number ' || g,
        'When I use ' || (${words})[1 + (g * 7) % 16] || ' the ' || (${words})[1 + (g * 3) % 16] ||
          ' page fails. Steps to reproduce: open it, wait, see the error. Case ' || g || '.',
        (array['open','open','open','under_review','planned','in_progress','solved','closed'])[1 + g % 8],
        now() - (g || ' minutes')::interval
      from generate_series(1, 10000) g`);
    // 200,000 distinct (problem, user) pairs: each user votes on 100 problems.
    await tx.execute(sql`
      insert into votes (problem_id, user_id)
      select 'prb_scale_' || (1 + ((u * 37 + v * 101) % 10000)), 'usr_scale_' || u
      from generate_series(1, 2000) u, generate_series(1, 100) v
      on conflict do nothing`);
    await tx.execute(sql`
      insert into comments (id, workspace_id, problem_id, author_id, body, created_at)
      select 'cmt_scale_' || g, ${workspaceId}, 'prb_scale_' || (1 + g % 10000),
        'usr_scale_' || (1 + (g * 13) % 2000), 'Same here, case ' || g || '.', now() - (g || ' seconds')::interval
      from generate_series(1, 50000) g`);
    await tx.execute(sql`
      update problems p set
        vote_count = (select count(*) from votes v where v.problem_id = p.id),
        comment_count = (select count(*) from comments c where c.problem_id = p.id
                         and c.moderation_state = 'approved' and c.deleted_at is null)
      where p.board_id = 'brd_scale'`);
    // The search vocabulary's trigger was off too.
    await tx.execute(sql`select public.rebuild_problem_search_words('brd_scale')`);
  });
}

/**
 * Users `usr_scale<g>` for g in 2,001..100,000: "Ada Lovelace" style names from two lists,
 * emails `first.last<g>@<company>.example`, signed up 10.5 minutes apart so that the oldest is
 * about 24 months old; every tenth unverified, every 97th banned.
 */
async function seedUsers(db: Database, { users }: ScaleSizes) {
  const { boardCustomers } = SCALE_SIZES;
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      with names as (
        select array['Ada','Grace','Alan','Linus','Margaret','Dennis','Barbara','Ken','Frances',
                     'Edsger','Radia','Donald','Sophie','John','Hedy','Tim','Katherine','Guido',
                     'Anita','Bjarne'] as first,
               array['Lovelace','Hopper','Turing','Torvalds','Hamilton','Ritchie','Liskov',
                     'Thompson','Allen','Dijkstra','Perlman','Knuth','Wilson','Backus','Lamarr',
                     'Berners','Johnson','Rossum','Borg','Stroustrup'] as last,
               array['acme','globex','initech','umbrella','hooli','stark','wayne','wonka',
                     'tyrell','cyberdyne','soylent','aperture'] as company
      )
      insert into users (id, name, email, email_verified, banned, ban_reason, role, created_at, updated_at)
      select 'usr_scale' || g,
        first[1 + g % 20] || ' ' || last[1 + (g / 20) % 20],
        lower(first[1 + g % 20]) || '.' || lower(last[1 + (g / 20) % 20]) || g || '@' ||
          company[1 + (g / 7) % 12] || (g % 500) || '.example',
        g % 10 <> 0,
        g % 97 = 0,
        case when g % 97 = 0 then 'Synthetic ban (scale data).' end,
        'user',
        now() - ((${int(users)} - g) * interval '10.5 minutes'),
        now() - ((${int(users)} - g) * interval '10.5 minutes')
      from names, generate_series(${int(boardCustomers + 1)}, ${int(users)}) g`);
  });
}

/**
 * Workspace `ws_scale<w>` is owned by user 2,000 + w (signed up 19–24 months ago); the users
 * after the owners (22,001..100,000) are members of workspace 1 + g % 20,000 as admin, member or
 * viewer. Each gets a billing account; its plan and status come from its history (seedHistory).
 */
async function seedWorkspaces(db: Database, { users, workspaces }: ScaleSizes) {
  const { boardCustomers } = SCALE_SIZES;
  const firstMember = boardCustomers + workspaces + 1;
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into workspaces (id, name, slug, personal, created_at)
      select 'ws_scale' || w,
        (array['Northwind','Contoso','Fabrikam','Tailspin','Litware','Proseware','Adatum',
               'Woodgrove','Lucerne','Margie'])[1 + w % 10] || ' ' || w,
        'scale-' || w, false,
        u.created_at
      from generate_series(1, ${int(workspaces)}) w
      join users u on u.id = 'usr_scale' || (${int(boardCustomers)} + w)`);
    await tx.execute(sql`
      insert into members (id, workspace_id, user_id, role, created_at)
      select 'mem_scale' || w, 'ws_scale' || w, 'usr_scale' || (${int(boardCustomers)} + w), 'owner',
        now() - ((${int(users)} - ${int(boardCustomers)} - w) * interval '10.5 minutes')
      from generate_series(1, ${int(workspaces)}) w`);
    await tx.execute(sql`
      insert into members (id, workspace_id, user_id, role, created_at)
      select 'mem_scale' || g, 'ws_scale' || (1 + g % ${int(workspaces)}), 'usr_scale' || g,
        (array['admin','member','member','viewer'])[1 + g % 4],
        now() - ((${int(users)} - g) * interval '10.5 minutes')
      from generate_series(${int(firstMember)}, ${int(users)}) g`);
    // Never subscribed (w % 20 < 2): the defaults (free, none) and no Stripe ids.
    await tx.execute(sql`
      insert into billing_accounts (workspace_id, stripe_customer_id, stripe_subscription_id)
      select 'ws_scale' || w,
        case when w % 20 >= 2 then 'cus_' || substr(md5('scale-customer-' || w), 1, 14) end,
        case when w % 20 >= 2 then 'sub_' || substr(md5('scale-subscription-' || w), 1, 14) end
      from generate_series(1, ${int(workspaces)}) w`);
  });
}

/**
 * 1,000,000 history rows for the 18,000 subscribed workspaces (55 or 56 each), spread evenly
 * from the workspace's creation (19–24 months ago) to now. Row k of a subscription: k = 0 a
 * trial (no revenue); then active with a seat count that moves up and down (expansion and
 * contraction); every 17th a cancellation (churn) and the next a reactivation; the last row
 * the subscription's state today, by w % 20: 2–4 free after cancelling, 5–6 trialing a new
 * plan, 7–13 team, 14–16 pro, 17 team past due, 18–19 enterprise (yearly). Team is per seat
 * (12 $ a seat a month), pro 29 $, enterprise 6,000 $ a year; every third subscription yearly
 * (MRR is a twelfth of the amount). `previous_*` and `movement` follow the rules of
 * lib/db/schema/billing.ts. Rows are `legacy`: kept as they are when a workspace's history is
 * re-derived from Stripe events (there are none for these).
 */
async function seedHistory(db: Database, sizes: ScaleSizes) {
  const { users, historyRows } = sizes;
  const { boardCustomers } = SCALE_SIZES;
  const SUBSCRIBED = subscribed(sizes);
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      with rows as (
        select n, p, k, w,
          ${int(historyRows)} / ${int(SUBSCRIBED)} + case when p < ${int(historyRows)} % ${int(SUBSCRIBED)} then 1 else 0 end as count,
          ((${int(users)} - ${int(boardCustomers)} - w) * interval '10.5 minutes') as age
        from (
          select n, n % ${int(SUBSCRIBED)} as p, n / ${int(SUBSCRIBED)} as k,
            (n % ${int(SUBSCRIBED)}) / 18 * 20 + 2 + (n % ${int(SUBSCRIBED)}) % 18 as w
          from generate_series(0, ${int(historyRows - 1)}) n
        ) numbered
      ),
      shaped as (
        select n, p, k, w, count, age,
          k = count - 1 as last,
          case
            when k = count - 1 and w % 20 between 2 and 4 then 'free'
            when w % 20 between 14 and 16 then 'pro'
            when w % 20 >= 18 then 'enterprise'
            else 'team'
          end as plan,
          case when w % 3 = 0 then 'yearly' else 'monthly' end as interval,
          case
            when k = 0 then 'trialing'
            when k = count - 1 then
              case
                when w % 20 between 2 and 4 then 'canceled'
                when w % 20 between 5 and 6 then 'trialing'
                when w % 20 = 17 then 'past_due'
                else 'active'
              end
            when k % 17 = 16 then 'canceled'
            else 'active'
          end as status,
          3 + (w * 7 + k * 3) % 9 as seats
        from rows
      ),
      priced as (
        select *,
          case plan
            when 'team' then seats * case interval when 'yearly' then 12000 else 1200 end
            when 'pro' then case interval when 'yearly' then 29000 else 2900 end
            when 'enterprise' then 600000
            else 0
          end as amount
        from shaped
      ),
      valued as (
        select *,
          case when status in ('active', 'past_due') then
            case when interval = 'yearly' or plan = 'enterprise' then amount / 12 else amount end
          else 0 end as mrr
        from priced
      ),
      chained as (
        select *,
          lag(status, 1, 'none') over (partition by p order by k) as prev_status,
          lag(mrr, 1, 0) over (partition by p order by k) as prev_mrr
        from valued
      )
      insert into subscription_history (id, workspace_id, source, stripe_customer_id,
        stripe_subscription_id, plan_id, billing_interval, status, seats, amount_cents, mrr_cents,
        previous_status, previous_mrr_cents, movement, trial_end, current_period_end, canceled_at,
        reason, effective_at, recorded_at)
      select 'subh_scale' || (n + 1), 'ws_scale' || w, 'legacy',
        'cus_' || substr(md5('scale-customer-' || w), 1, 14),
        'sub_' || substr(md5('scale-subscription-' || w), 1, 14),
        plan, case when plan = 'enterprise' then 'yearly' else interval end, status,
        case when plan = 'team' then seats else 1 end, amount, mrr, prev_status, prev_mrr,
        case
          when mrr > 0 and prev_mrr = 0 then case when k = 1 then 'new' else 'reactivation' end
          when mrr = 0 and prev_mrr > 0 then 'churn'
          when mrr > prev_mrr then 'expansion'
          when mrr < prev_mrr then 'contraction'
          else 'none'
        end,
        case when status = 'trialing' then effective + interval '14 days' end,
        case when status in ('active', 'past_due', 'trialing') then effective + interval '1 month' end,
        case when status = 'canceled' then effective end,
        case
          when k = 0 then 'customer.subscription.created'
          when status = 'canceled' then 'customer.subscription.deleted'
          else 'customer.subscription.updated'
        end,
        effective, effective
      from (
        select *, now() - age + (age - interval '1 hour') * (k + 1) / count as effective
        from chained
      ) timed`);
    // Each billing account as its subscription's last row says.
    await tx.execute(sql`
      update billing_accounts b set
        plan_id = h.plan_id, billing_interval = h.billing_interval, status = h.status,
        seats = h.seats, amount_cents = h.amount_cents, trial_end = h.trial_end,
        current_period_start = h.effective_at, current_period_end = h.current_period_end,
        canceled_at = h.canceled_at,
        past_due_since = case when h.status = 'past_due' then h.effective_at end,
        last_event_at = h.effective_at, synced_at = h.recorded_at, updated_at = now()
      from (
        select distinct on (workspace_id) * from subscription_history
        where id like 'subh\\_scale%' order by workspace_id, effective_at desc
      ) h
      where b.workspace_id = h.workspace_id`);
  });
}
