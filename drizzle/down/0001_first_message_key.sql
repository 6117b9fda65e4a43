-- Down migration for 0001_first_message_key: drops the first-message idempotency key.
DROP INDEX IF EXISTS "conversations_open_key_uq";--> statement-breakpoint
ALTER TABLE "conversations" DROP COLUMN IF EXISTS "open_key";
