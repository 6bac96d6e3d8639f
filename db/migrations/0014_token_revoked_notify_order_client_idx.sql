CREATE INDEX "orders_account_client_order_idx" ON "orders" USING btree ("account_id","client_order_id");--> statement-breakpoint
-- RELIABILITY S2: announce on tw_token_revoked, in the transaction that cuts access tokens off,
-- so core closes the user's sockets and drops its cached standing at once (db/src/token-standing.ts).
CREATE FUNCTION "tw_notify_token_revoked"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'sessions' THEN
    IF TG_OP = 'DELETE' THEN
      PERFORM pg_notify('tw_token_revoked', json_build_object('userId', OLD.user_id, 'sessionId', OLD.id)::text);
    ELSIF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
      PERFORM pg_notify('tw_token_revoked', json_build_object('userId', NEW.user_id, 'sessionId', NEW.id)::text);
    END IF;
  ELSIF NEW.tokens_valid_after IS DISTINCT FROM OLD.tokens_valid_after THEN
    PERFORM pg_notify('tw_token_revoked', json_build_object('userId', NEW.id,
      'validAfterMs', floor(extract(epoch FROM NEW.tokens_valid_after) * 1000)::bigint)::text);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "sessions_token_revoked_notify" AFTER UPDATE OF "revoked_at" OR DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "tw_notify_token_revoked"();
--> statement-breakpoint
CREATE TRIGGER "users_token_revoked_notify" AFTER UPDATE OF "tokens_valid_after" ON "users"
  FOR EACH ROW EXECUTE FUNCTION "tw_notify_token_revoked"();
