import { sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db";
import { problems } from "@/lib/db/schema";

/** A board search, as SQL to filter and rank `problems` by. */
export interface ProblemSearch {
  /** Problems matching every word of the query, each word possibly corrected. */
  matches: SQL;
  /** Higher is better: full-text rank, plus 1 when every word matched as typed (or as a prefix). */
  rank: SQL;
}

/**
 * Turn what someone typed into a search of a board's problems, or null when it has no searchable
 * word (only stop words, punctuation). Every query word also matches the words it begins ("expor"
 * finds "export"), and a word the board doesn't have also matches the board's words one or two
 * letters away ("exprot", "digst"); plural and singular meet through English stemming. The
 * correcting is done by `problem_search_query()` in the database, against the board's vocabulary
 * (`problem_search_words`).
 */
export async function problemSearch(boardId: string, text: string): Promise<ProblemSearch | null> {
  const [row] = await db.execute<{ exact: string | null; expanded: string | null }>(
    sql`select exact::text as exact, expanded::text as expanded
        from public.problem_search_query(${boardId}, ${text})`,
  );
  if (!row?.exact || !row.expanded) return null;
  const exact = sql`${row.exact}::tsquery`;
  const expanded = sql`${row.expanded}::tsquery`;
  return {
    matches: sql`${problems.search} @@ ${expanded}`,
    rank: sql`(ts_rank(${problems.search}, ${expanded}) + case when ${problems.search} @@ ${exact} then 1 else 0 end)`,
  };
}
