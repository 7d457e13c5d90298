-- Typo-tolerant search: each board's vocabulary (problem_search_words) kept by a trigger, and
-- problem_search_query(), which turns what someone typed into a full-text query where every word
-- also matches the words it begins ("expor" → export) and, when the board has no such word, the
-- board's words one or two letters away ("exprot", "digst" → export, digest). See
-- docs/architecture.md "Search and sorting".
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
--> statement-breakpoint
-- The words a problem contributes: its title and body lexemes while it is published and unmerged.
CREATE OR REPLACE FUNCTION public.problem_search_words_of(p public.problems) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN p.moderation_state = 'approved' AND p.merged_into_id IS NULL
      THEN tsvector_to_array(p.search)
    ELSE '{}'::text[]
  END;
$$;
--> statement-breakpoint
-- One statement per change, words in sorted order, so concurrent writers on a board take the row
-- locks of shared words in the same order and never deadlock.
CREATE OR REPLACE FUNCTION public.sync_problem_search_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH delta AS (
    SELECT workspace_id, board_id, word, sum(change)::integer AS change
    FROM (
      SELECT OLD.workspace_id, OLD.board_id, w, -1
      FROM unnest(CASE WHEN TG_OP <> 'INSERT' THEN public.problem_search_words_of(OLD) END) AS w
      UNION ALL
      SELECT NEW.workspace_id, NEW.board_id, w, 1
      FROM unnest(CASE WHEN TG_OP <> 'DELETE' THEN public.problem_search_words_of(NEW) END) AS w
    ) AS changes (workspace_id, board_id, word, change)
    GROUP BY workspace_id, board_id, word
    HAVING sum(change) <> 0
    ORDER BY board_id, word
  ),
  -- Words a problem no longer contributes are only ever counted down, never inserted: when a
  -- board is deleted, its vocabulary rows may already be gone (the cascade) while its problems
  -- are still being deleted, and a new row would point at a board that no longer exists.
  fewer AS (
    UPDATE public.problem_search_words AS v SET problems = v.problems + d.change
    FROM delta AS d
    WHERE d.change < 0 AND v.board_id = d.board_id AND v.word = d.word
    RETURNING v.word
  )
  INSERT INTO public.problem_search_words AS v (workspace_id, board_id, word, problems)
  SELECT workspace_id, board_id, word, change FROM delta WHERE change > 0
  ON CONFLICT (board_id, word) DO UPDATE SET problems = v.problems + excluded.problems;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER problems_sync_search_words
AFTER INSERT OR DELETE OR UPDATE OF title, body, board_id, moderation_state, merged_into_id
ON public.problems
FOR EACH ROW EXECUTE FUNCTION public.sync_problem_search_words();
--> statement-breakpoint
-- Rebuild a board's vocabulary from its problems (after writes with triggers off, like the scale
-- seed), or every board's when p_board_id is null.
CREATE OR REPLACE FUNCTION public.rebuild_problem_search_words(p_board_id text DEFAULT NULL)
RETURNS void LANGUAGE sql AS $$
  DELETE FROM public.problem_search_words WHERE p_board_id IS NULL OR board_id = p_board_id;
  INSERT INTO public.problem_search_words (workspace_id, board_id, word, problems)
  SELECT p.workspace_id, p.board_id, w, count(*)::integer
  FROM public.problems AS p, unnest(public.problem_search_words_of(p)) AS w
  WHERE p_board_id IS NULL OR p.board_id = p_board_id
  GROUP BY p.workspace_id, p.board_id, w;
$$;
--> statement-breakpoint
SELECT public.rebuild_problem_search_words();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.sorted_letters(value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT string_agg(c, '' ORDER BY c) FROM unnest(string_to_array(value, NULL)) AS c;
$$;
--> statement-breakpoint
-- What someone typed, as two queries over problems.search: `exact` (every word, or a word it
-- begins) and `expanded` (the same, where a word the board doesn't have may also be one of the
-- board's words at most 1 edit away (or 2 letters swapped), 2 for words of 6 letters or more;
-- words under 4 letters only begin).
-- NULL when the text has no searchable word. The trigram index finds the candidates, the edit
-- distance decides.
CREATE OR REPLACE FUNCTION public.problem_search_query(
  p_board_id text,
  p_text text,
  OUT exact tsquery,
  OUT expanded tsquery
) LANGUAGE plpgsql STABLE
SET pg_trgm.similarity_threshold = 0.2
AS $$
DECLARE
  term text;
  alternatives tsquery;
  max_edits integer;
  correction text;
BEGIN
  FOR term IN
    SELECT t FROM unnest(tsvector_to_array(to_tsvector('english', coalesce(p_text, '')))) AS t
    LIMIT 8
  LOOP
    alternatives := (quote_literal(term) || ':*')::tsquery;
    exact := CASE WHEN exact IS NULL THEN alternatives ELSE exact && alternatives END;
    -- No word is longer than 40 letters; a longer "word" (a pasted hash, a run of letters) is not
    -- corrected (and stays under levenshtein's 255-character limit).
    max_edits := CASE
      WHEN length(term) > 40 THEN 0
      WHEN length(term) >= 6 THEN 2
      WHEN length(term) >= 4 THEN 1
      ELSE 0
    END;
    IF max_edits > 0 AND NOT EXISTS (
      SELECT 1 FROM public.problem_search_words
      WHERE board_id = p_board_id AND word = term AND problems > 0
    ) THEN
      FOR correction IN
        SELECT word FROM (
          SELECT word, problems, levenshtein_less_equal(term, word, 2) AS edits
          FROM public.problem_search_words
          WHERE board_id = p_board_id AND problems > 0 AND word % term
            AND abs(length(word) - length(term)) <= max_edits
        ) AS candidates
        -- Two letters swapped count as one typo ("zebar" → zebra): same letters, 2 edits.
        WHERE edits <= max_edits OR (
          edits = 2 AND length(word) = length(term)
          AND public.sorted_letters(word) = public.sorted_letters(term)
        )
        ORDER BY edits, problems DESC, word
        LIMIT 3
      LOOP
        alternatives := alternatives || quote_literal(correction)::tsquery;
      END LOOP;
    END IF;
    expanded := CASE WHEN expanded IS NULL THEN alternatives ELSE expanded && alternatives END;
  END LOOP;
END;
$$;
