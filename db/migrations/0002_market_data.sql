CREATE TABLE "market_bars" (
	"symbol" text NOT NULL,
	"interval" text NOT NULL,
	"source" text NOT NULL,
	"open_time" timestamp (3) with time zone NOT NULL,
	"open_ticks" bigint NOT NULL,
	"high_ticks" bigint NOT NULL,
	"low_ticks" bigint NOT NULL,
	"close_ticks" bigint NOT NULL,
	"volume_lots" bigint NOT NULL,
	"trade_count" integer NOT NULL,
	CONSTRAINT "market_bars_pk" PRIMARY KEY("symbol","interval","source","open_time"),
	CONSTRAINT "market_bars_interval" CHECK ("market_bars"."interval" in ('1s', '1m', '5m', '15m', '1h', '1d')),
	CONSTRAINT "market_bars_source" CHECK ("market_bars"."source" ~ '^(recorded|csv|ccxt:[a-z0-9]+)$'),
	CONSTRAINT "market_bars_ohlc" CHECK ("market_bars"."low_ticks" > 0 and "market_bars"."low_ticks" <= least("market_bars"."open_ticks", "market_bars"."close_ticks") and "market_bars"."high_ticks" >= greatest("market_bars"."open_ticks", "market_bars"."close_ticks")),
	CONSTRAINT "market_bars_counts" CHECK ("market_bars"."volume_lots" >= 0 and "market_bars"."trade_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "market_quotes" (
	"symbol" text NOT NULL,
	"ts" timestamp (3) with time zone NOT NULL,
	"bid_ticks" bigint,
	"bid_lots" bigint,
	"ask_ticks" bigint,
	"ask_lots" bigint,
	CONSTRAINT "market_quotes_sides" CHECK (("market_quotes"."bid_ticks" is null) = ("market_quotes"."bid_lots" is null) and ("market_quotes"."ask_ticks" is null) = ("market_quotes"."ask_lots" is null))
);
--> statement-breakpoint
CREATE TABLE "market_trades" (
	"symbol" text NOT NULL,
	"ts" timestamp (3) with time zone NOT NULL,
	"seq" bigint NOT NULL,
	"price_ticks" bigint NOT NULL,
	"qty_lots" bigint NOT NULL,
	"aggressor" text NOT NULL,
	CONSTRAINT "market_trades_positive" CHECK ("market_trades"."price_ticks" > 0 and "market_trades"."qty_lots" > 0),
	CONSTRAINT "market_trades_aggressor" CHECK ("market_trades"."aggressor" in ('buy', 'sell'))
);
--> statement-breakpoint
CREATE INDEX "market_quotes_ts_brin" ON "market_quotes" USING brin ("ts");--> statement-breakpoint
CREATE INDEX "market_trades_ts_brin" ON "market_trades" USING brin ("ts");