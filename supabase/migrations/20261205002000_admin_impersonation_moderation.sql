ALTER TABLE "sessions" ADD COLUMN "reauthenticated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "comments_pending_created_idx" ON "comments" USING btree ("created_at") WHERE "comments"."moderation_state" = 'pending';--> statement-breakpoint
CREATE INDEX "flags_open_created_idx" ON "flags" USING btree ("created_at") WHERE "flags"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "moderation_actions_action_idx" ON "moderation_actions" USING btree ("action","created_at");--> statement-breakpoint
CREATE INDEX "problems_pending_created_idx" ON "problems" USING btree ("created_at") WHERE "problems"."moderation_state" = 'pending';--> statement-breakpoint
CREATE INDEX "workspace_bans_created_idx" ON "workspace_bans" USING btree ("created_at");