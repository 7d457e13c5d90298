-- Counters on problems stay exact under any concurrency: the row that changes a count changes it
-- in the same statement, under the row lock of the problem it counts for.
CREATE OR REPLACE FUNCTION public.problems_count_votes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE public.problems SET vote_count = vote_count + 1 WHERE id = NEW.problem_id;
  ELSE
    UPDATE public.problems SET vote_count = vote_count - 1 WHERE id = OLD.problem_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER votes_count AFTER INSERT OR DELETE ON public.votes
FOR EACH ROW EXECUTE FUNCTION public.problems_count_votes();
--> statement-breakpoint
-- comment_count counts visible comments: approved and not deleted.
CREATE OR REPLACE FUNCTION public.problems_count_comments() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  was_visible boolean := TG_OP <> 'INSERT' AND OLD.moderation_state = 'approved' AND OLD.deleted_at IS NULL;
  is_visible boolean := TG_OP <> 'DELETE' AND NEW.moderation_state = 'approved' AND NEW.deleted_at IS NULL;
BEGIN
  IF is_visible AND NOT was_visible THEN
    UPDATE public.problems SET comment_count = comment_count + 1 WHERE id = NEW.problem_id;
  ELSIF was_visible AND NOT is_visible THEN
    UPDATE public.problems SET comment_count = comment_count - 1 WHERE id = OLD.problem_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER comments_count AFTER INSERT OR UPDATE OR DELETE ON public.comments
FOR EACH ROW EXECUTE FUNCTION public.problems_count_comments();
