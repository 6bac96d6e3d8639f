CREATE TABLE "consumer_offsets" (
	"consumer" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consumer_offsets_non_negative" CHECK ("consumer_offsets"."last_seq" >= 0)
);
--> statement-breakpoint
CREATE TABLE "consumer_processed_events" (
	"consumer" text NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "consumer_processed_events_pk" PRIMARY KEY("consumer","seq")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"user_id" text,
	"account_id" text,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_seq_positive" CHECK ("outbox"."seq" > 0)
);
--> statement-breakpoint
CREATE TABLE "outbox_sequence" (
	"id" smallint PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	CONSTRAINT "outbox_sequence_single_row" CHECK ("outbox_sequence"."id" = 1),
	CONSTRAINT "outbox_sequence_non_negative" CHECK ("outbox_sequence"."last_seq" >= 0)
);
