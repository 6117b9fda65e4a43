-- Down migration for 0000_init: drops everything the up migration created.
DROP TABLE IF EXISTS "message_feedback";--> statement-breakpoint
DROP TABLE IF EXISTS "handoffs";--> statement-breakpoint
DROP TABLE IF EXISTS "newsletter_subscriptions";--> statement-breakpoint
DROP TABLE IF EXISTS "tickets";--> statement-breakpoint
DROP TABLE IF EXISTS "messages";--> statement-breakpoint
DROP TABLE IF EXISTS "conversations";--> statement-breakpoint
DROP TABLE IF EXISTS "invoices";--> statement-breakpoint
DROP TABLE IF EXISTS "refunds";--> statement-breakpoint
DROP TABLE IF EXISTS "order_events";--> statement-breakpoint
DROP TABLE IF EXISTS "order_items";--> statement-breakpoint
DROP TABLE IF EXISTS "orders";--> statement-breakpoint
DROP TABLE IF EXISTS "products";--> statement-breakpoint
DROP TABLE IF EXISTS "customers";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."ticket_status";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."ticket_kind";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."refund_status";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."order_status";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."message_role";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."invoice_status";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."handoff_status";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."conversation_status";
