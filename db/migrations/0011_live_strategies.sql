CREATE TABLE "strategy_deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"strategy_id" text NOT NULL,
	"params" jsonb NOT NULL,
	"symbols" text[] NOT NULL,
	"interval" text NOT NULL,
	"allocated_minor" numeric(38, 0),
	"status" text DEFAULT 'running' NOT NULL,
	"reason" text,
	"runs" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp (3) with time zone,
	CONSTRAINT "strategy_deployments_status" CHECK ("strategy_deployments"."status" in ('running', 'stopped', 'failed')),
	CONSTRAINT "strategy_deployments_interval" CHECK ("strategy_deployments"."interval" in ('1s', '1m')),
	CONSTRAINT "strategy_deployments_allocated" CHECK ("strategy_deployments"."allocated_minor" is null or "strategy_deployments"."allocated_minor" > 0),
	CONSTRAINT "strategy_deployments_runs" CHECK ("strategy_deployments"."runs" >= 1)
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "fills" ADD COLUMN "deployment_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "deployment_id" uuid;--> statement-breakpoint
ALTER TABLE "strategy_deployments" ADD CONSTRAINT "strategy_deployments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_deployments" ADD CONSTRAINT "strategy_deployments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "strategy_deployments_user_idx" ON "strategy_deployments" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "strategy_deployments_running_idx" ON "strategy_deployments" USING btree ("created_at") WHERE "strategy_deployments"."status" = 'running';--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_parent_id_accounts_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_parent_idx" ON "accounts" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "fills_deployment_idx" ON "fills" USING btree ("deployment_id","ts") WHERE "fills"."deployment_id" is not null;--> statement-breakpoint
CREATE INDEX "orders_deployment_idx" ON "orders" USING btree ("deployment_id","order_id") WHERE "orders"."deployment_id" is not null;