import { sql } from "drizzle-orm";
import type { Database } from "./client";

export const SCALE_BOARD = { slug: "scale", name: "Scale test board" };

/**
 * Benchmark data (`npm run db:seed -- --scale`): one public board in the demo workspace with
 * 10,000 problems, 200,000 votes from 2,000 synthetic customers and 50,000 comments. Set-based
 * SQL with the counter triggers off, then the counters and the search vocabulary recomputed once. Idempotent: a second run
 * finds the board and stops.
 */
export async function seedScaleData(db: Database, workspaceId: string) {
  const existing = await db.execute<{ id: string }>(
    sql`select id from boards where workspace_id = ${workspaceId} and slug = ${SCALE_BOARD.slug}`,
  );
  if (existing.length > 0) return { created: false };
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into boards (id, workspace_id, slug, name, description, moderation_mode)
      values ('brd_scale', ${workspaceId}, ${SCALE_BOARD.slug}, ${SCALE_BOARD.name},
              'Synthetic data for benchmarks.', 'publish')`);
    await tx.execute(sql`
      insert into users (id, name, email, email_verified)
      select 'usr_scale_' || g, 'Customer ' || g, 'customer' || g || '@scale.problemboard.dev', true
      from generate_series(1, 2000) g`);
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
  await db.execute(sql`analyze`);
  return { created: true };
}
