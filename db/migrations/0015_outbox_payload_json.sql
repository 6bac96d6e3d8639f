-- The outbox payload as json (checked, kept as written) instead of jsonb: the binary conversion was
-- about half the cost of an outbox insert on the order path (db/src/schema/outbox.ts). jsonb -> json
-- is an assignment cast; the rows keep their values (as jsonb printed them).
ALTER TABLE "outbox" ALTER COLUMN "payload" SET DATA TYPE json;
