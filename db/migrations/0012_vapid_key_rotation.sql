ALTER TABLE "notify_vapid_keys" DROP CONSTRAINT "notify_vapid_keys_single_row";--> statement-breakpoint
ALTER TABLE "notify_vapid_keys" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD COLUMN "vapid_key_id" smallint;--> statement-breakpoint
-- Subscriptions made before rotation existed were made with the single key, id 1.
UPDATE "push_subscriptions" SET "vapid_key_id" = 1;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ALTER COLUMN "vapid_key_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_vapid_key_id_notify_vapid_keys_id_fk" FOREIGN KEY ("vapid_key_id") REFERENCES "public"."notify_vapid_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "push_subscriptions_vapid_key" ON "push_subscriptions" USING btree ("vapid_key_id");--> statement-breakpoint
ALTER TABLE "notify_vapid_keys" ADD CONSTRAINT "notify_vapid_keys_public_key_unique" UNIQUE("public_key");