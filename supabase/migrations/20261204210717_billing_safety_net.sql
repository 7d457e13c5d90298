CREATE TABLE "billing_customer_conflicts" (
	"stripe_customer_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"linked_customer_id" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"seen_count" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "billing_customer_conflicts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP INDEX "subscription_history_workspace_idx";--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD COLUMN "former_stripe_customer_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "workspace_id" text;--> statement-breakpoint
-- Rows already written were appended by convergence, not derived from events: 'legacy'. New rows
-- default to 'manual' (operators' hand-written rows); the app always names its source.
ALTER TABLE "subscription_history" ADD COLUMN "source" text DEFAULT 'legacy' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscription_history" ALTER COLUMN "source" SET DEFAULT 'manual';--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "stripe_customer_id" text;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "stripe_subscription_id" text;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "currency" text DEFAULT 'usd' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "cancel_at_period_end" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "previous_status" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "previous_mrr_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "movement" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "trial_end" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "current_period_end" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "canceled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscription_history" ADD COLUMN "effective_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_customer_conflicts" ADD CONSTRAINT "billing_customer_conflicts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_customer_conflicts_workspace_idx" ON "billing_customer_conflicts" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "stripe_events_workspace_idx" ON "stripe_events" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "subscription_history_workspace_idx" ON "subscription_history" USING btree ("workspace_id","effective_at");--> statement-breakpoint
-- Legacy rows took effect when they were recorded (the only time they carry).
ALTER TABLE "subscription_history" DISABLE TRIGGER "subscription_history_append_only";--> statement-breakpoint
UPDATE "subscription_history" SET "effective_at" = "recorded_at" WHERE "source" = 'legacy';--> statement-breakpoint
ALTER TABLE "subscription_history" ENABLE TRIGGER "subscription_history_append_only";--> statement-breakpoint
-- cleanup:begin
-- The history a deleted customer's syncs wrote (issue 13, item 4): each sync after the deletion
-- appended a row with status 'none' (the account said 'canceled', so the next sync saw a change
-- again), one per webhook and one per hourly reconciliation. Repair what was written, exactly as
-- the fixed code would have written it (tests/integration/billing-history.test.ts proves it):
-- 1. 'none' after a real subscription means that subscription was canceled (as a cancellation
--    without a deletion records it: the plan, seats and amount it had, no MRR).
-- 2. A row identical to the row before it in its workspace changes nothing: delete it.
-- 3. previous_status, previous_mrr_cents and movement, from the row before.
-- Only legacy rows are touched; running it again changes nothing.
ALTER TABLE "subscription_history" DISABLE TRIGGER "subscription_history_append_only";--> statement-breakpoint
UPDATE "subscription_history" AS h
SET "status" = 'canceled', "plan_id" = p."plan_id", "billing_interval" = p."billing_interval",
    "seats" = p."seats", "amount_cents" = p."amount_cents", "mrr_cents" = 0
FROM "subscription_history" AS p
WHERE h."source" = 'legacy' AND h."status" = 'none'
  AND p."id" = (
    SELECT e."id" FROM "subscription_history" AS e
    WHERE e."workspace_id" = h."workspace_id" AND e."source" = 'legacy' AND e."status" <> 'none'
      AND (e."effective_at", e."id") < (h."effective_at", h."id")
    ORDER BY e."effective_at" DESC, e."id" DESC
    LIMIT 1
  );--> statement-breakpoint
DELETE FROM "subscription_history" WHERE "id" IN (
  SELECT "id" FROM (
    SELECT "id",
      lag("id") OVER w AS prev_id,
      lag("plan_id") OVER w AS prev_plan,
      lag("billing_interval") OVER w AS prev_interval,
      lag("status") OVER w AS prev_status,
      lag("seats") OVER w AS prev_seats,
      lag("amount_cents") OVER w AS prev_amount,
      lag("mrr_cents") OVER w AS prev_mrr,
      "plan_id", "billing_interval", "status", "seats", "amount_cents", "mrr_cents"
    FROM "subscription_history"
    WHERE "source" = 'legacy'
    WINDOW w AS (PARTITION BY "workspace_id" ORDER BY "effective_at", "id")
  ) AS ordered
  WHERE prev_id IS NOT NULL
    AND prev_plan = "plan_id"
    AND prev_interval IS NOT DISTINCT FROM "billing_interval"
    AND prev_status = "status"
    AND prev_seats = "seats"
    AND prev_amount = "amount_cents"
    AND prev_mrr = "mrr_cents"
);--> statement-breakpoint
UPDATE "subscription_history" AS h
SET "previous_status" = ordered.prev_status,
    "previous_mrr_cents" = ordered.prev_mrr,
    "movement" = CASE
      WHEN ordered.prev_mrr = 0 AND h."mrr_cents" > 0 AND ordered.earlier_max_mrr > 0 THEN 'reactivation'
      WHEN ordered.prev_mrr = 0 AND h."mrr_cents" > 0 THEN 'new'
      WHEN ordered.prev_mrr > 0 AND h."mrr_cents" = 0 THEN 'churn'
      WHEN h."mrr_cents" > ordered.prev_mrr THEN 'expansion'
      WHEN h."mrr_cents" < ordered.prev_mrr THEN 'contraction'
      ELSE 'none'
    END
FROM (
  SELECT "id",
    coalesce(lag("status") OVER w, 'none') AS prev_status,
    coalesce(lag("mrr_cents") OVER w, 0) AS prev_mrr,
    coalesce(max("mrr_cents") OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
      AS earlier_max_mrr
  FROM "subscription_history"
  WHERE "source" = 'legacy'
  WINDOW w AS (PARTITION BY "workspace_id" ORDER BY "effective_at", "id")
) AS ordered
WHERE h."id" = ordered."id";--> statement-breakpoint
ALTER TABLE "subscription_history" ENABLE TRIGGER "subscription_history_append_only";
-- cleanup:end
