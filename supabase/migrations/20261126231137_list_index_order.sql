DROP INDEX "problems_board_top_idx";--> statement-breakpoint
DROP INDEX "problems_board_new_idx";--> statement-breakpoint
CREATE INDEX "problems_board_top_idx" ON "problems" USING btree ("board_id","moderation_state","vote_count" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "problems_board_new_idx" ON "problems" USING btree ("board_id","moderation_state","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);