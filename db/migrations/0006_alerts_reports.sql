CREATE TABLE "equity_samples" (
	"account_id" uuid NOT NULL,
	"ts" timestamp (3) with time zone NOT NULL,
	"equity_minor" numeric NOT NULL,
	"cash_minor" numeric NOT NULL,
	CONSTRAINT "equity_samples_account_id_ts_pk" PRIMARY KEY("account_id","ts")
);
--> statement-breakpoint
CREATE TABLE "price_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"symbol" text NOT NULL,
	"condition" text NOT NULL,
	"threshold" numeric NOT NULL,
	"threshold_ticks" bigint NOT NULL,
	"reference_ticks" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"triggered_at" timestamp (3) with time zone,
	"triggered_ticks" bigint,
	CONSTRAINT "price_alerts_threshold_positive" CHECK ("price_alerts"."threshold_ticks" > 0)
);
--> statement-breakpoint
ALTER TABLE "price_alerts" ADD CONSTRAINT "price_alerts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "price_alerts_user_idx" ON "price_alerts" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "price_alerts_active_idx" ON "price_alerts" USING btree ("symbol") WHERE "price_alerts"."status" = 'active';