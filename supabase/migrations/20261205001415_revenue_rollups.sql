CREATE TABLE "activity_daily" (
	"day" date PRIMARY KEY NOT NULL,
	"signups" integer DEFAULT 0 NOT NULL,
	"weekly_active_users" integer DEFAULT 0 NOT NULL,
	"weekly_active_workspaces" integer DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "revenue_daily" (
	"day" date PRIMARY KEY NOT NULL,
	"new_cents" bigint DEFAULT 0 NOT NULL,
	"expansion_cents" bigint DEFAULT 0 NOT NULL,
	"contraction_cents" bigint DEFAULT 0 NOT NULL,
	"churn_cents" bigint DEFAULT 0 NOT NULL,
	"reactivation_cents" bigint DEFAULT 0 NOT NULL,
	"new_customers" integer DEFAULT 0 NOT NULL,
	"reactivated_customers" integer DEFAULT 0 NOT NULL,
	"churned_customers" integer DEFAULT 0 NOT NULL,
	"trials_started" integer DEFAULT 0 NOT NULL,
	"trials_converted" integer DEFAULT 0 NOT NULL,
	"trials_expired" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "revenue_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "revenue_daily_plans" (
	"day" date NOT NULL,
	"plan_id" text NOT NULL,
	"customers" integer DEFAULT 0 NOT NULL,
	"mrr_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "revenue_daily_plans_day_plan_id_pk" PRIMARY KEY("day","plan_id")
);
--> statement-breakpoint
ALTER TABLE "revenue_daily_plans" ENABLE ROW LEVEL SECURITY;