CREATE TABLE "journal_projection" (
	"id" smallint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "journal_projection_single_row" CHECK ("journal_projection"."id" = 1),
	CONSTRAINT "journal_projection_non_negative" CHECK ("journal_projection"."seq" >= 0)
);
--> statement-breakpoint
-- Until now the projection was written in the journal's own transaction: everything journalled is projected.
INSERT INTO "journal_projection" ("id", "seq") SELECT 1, coalesce(max("seq"), 0) FROM "journal_commands";
