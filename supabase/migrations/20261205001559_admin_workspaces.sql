CREATE TABLE "admin_pending_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"admin_id" text,
	"action" text NOT NULL,
	"details" jsonb NOT NULL,
	"stripe_object_id" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admin_pending_actions_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "admin_pending_actions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD COLUMN "mrr_cents" integer GENERATED ALWAYS AS (CASE WHEN status IN ('active', 'past_due') THEN CASE WHEN billing_interval = 'yearly' THEN amount_cents / 12 ELSE amount_cents END ELSE 0 END) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "admin_pending_actions" ADD CONSTRAINT "admin_pending_actions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_pending_actions" ADD CONSTRAINT "admin_pending_actions_admin_id_users_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_pending_actions_workspace_idx" ON "admin_pending_actions" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "workspaces_created_at_idx" ON "workspaces" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "workspaces_name_trgm_idx" ON "workspaces" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "workspaces_slug_prefix_idx" ON "workspaces" USING btree ("slug" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "billing_accounts_plan_status_idx" ON "billing_accounts" USING btree ("plan_id","status");--> statement-breakpoint
CREATE INDEX "billing_accounts_mrr_idx" ON "billing_accounts" USING btree ("mrr_cents","workspace_id");--> statement-breakpoint
CREATE INDEX "stripe_events_request_key_idx" ON "stripe_events" USING btree (("payload" -> 'request' ->> 'idempotency_key'));