CREATE TABLE "login_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "login_failures_scope_known" CHECK ("login_failures"."scope" in ('account', 'ip'))
);
--> statement-breakpoint
CREATE INDEX "login_failures_scope_key_time_idx" ON "login_failures" USING btree ("scope","key","occurred_at");--> statement-breakpoint
CREATE INDEX "login_failures_time_idx" ON "login_failures" USING btree ("occurred_at");