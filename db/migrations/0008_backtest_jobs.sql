CREATE TABLE "backtest_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"config" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"result" jsonb,
	"error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "backtest_jobs_progress_range" CHECK ("backtest_jobs"."progress" >= 0 and "backtest_jobs"."progress" <= 1),
	CONSTRAINT "backtest_jobs_status" CHECK ("backtest_jobs"."status" in ('queued', 'running', 'done', 'failed', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "backtest_jobs" ADD CONSTRAINT "backtest_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backtest_jobs_user_idx" ON "backtest_jobs" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "backtest_jobs_queued_idx" ON "backtest_jobs" USING btree ("created_at") WHERE "backtest_jobs"."status" = 'queued';