ALTER TABLE "conversations" ADD COLUMN "open_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_open_key_uq" ON "conversations" USING btree ("open_key");