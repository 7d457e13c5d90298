CREATE TABLE "problem_search_words" (
	"workspace_id" text NOT NULL,
	"board_id" text NOT NULL,
	"word" text NOT NULL,
	"problems" integer NOT NULL,
	CONSTRAINT "problem_search_words_board_id_word_pk" PRIMARY KEY("board_id","word")
);
--> statement-breakpoint
ALTER TABLE "problem_search_words" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "problem_search_words" ADD CONSTRAINT "problem_search_words_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_search_words" ADD CONSTRAINT "problem_search_words_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "problem_search_words_trgm_idx" ON "problem_search_words" USING gin ("word" gin_trgm_ops);