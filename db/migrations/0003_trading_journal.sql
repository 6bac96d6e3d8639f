CREATE TABLE "balances" (
	"account_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"balance" numeric NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "balances_account_id_currency_pk" PRIMARY KEY("account_id","currency")
);
--> statement-breakpoint
CREATE TABLE "fills" (
	"trade_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"account_id" uuid NOT NULL,
	"client_order_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"price" numeric NOT NULL,
	"quantity" numeric NOT NULL,
	"fee" numeric NOT NULL,
	"liquidity" text NOT NULL,
	"ts" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "fills_trade_id_order_id_pk" PRIMARY KEY("trade_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "journal_commands" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"time_ms" bigint NOT NULL,
	"command" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journal_snapshots" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"state_hash" text NOT NULL,
	"snapshot" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"order_id" bigint PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"client_order_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"type" text NOT NULL,
	"time_in_force" text NOT NULL,
	"status" text NOT NULL,
	"quantity" numeric NOT NULL,
	"filled_quantity" numeric NOT NULL,
	"price" numeric,
	"trigger_price" numeric,
	"linked_order_id" bigint,
	"reason" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"account_id" uuid NOT NULL,
	"symbol" text NOT NULL,
	"quantity" numeric NOT NULL,
	"cost" numeric NOT NULL,
	"realised_pnl" numeric NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "positions_account_id_symbol_pk" PRIMARY KEY("account_id","symbol")
);
--> statement-breakpoint
CREATE INDEX "fills_account_idx" ON "fills" USING btree ("account_id","ts");--> statement-breakpoint
CREATE INDEX "orders_account_status_idx" ON "orders" USING btree ("account_id","status","order_id");