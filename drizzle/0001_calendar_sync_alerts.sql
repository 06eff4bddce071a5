CREATE TYPE "public"."alert_status" AS ENUM('active', 'escalated', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sending', 'sent');--> statement-breakpoint
CREATE TABLE "calendar_sync_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"error_type" text NOT NULL,
	"error_message" text NOT NULL,
	"failed_attempts" integer DEFAULT 1 NOT NULL,
	"first_failed_at" timestamp with time zone NOT NULL,
	"last_failed_at" timestamp with time zone NOT NULL,
	"status" "alert_status" DEFAULT 'active' NOT NULL,
	"escalated_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution_note" text,
	"resolved_automatically" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" text NOT NULL,
	"feed_id" text,
	"error_type" text NOT NULL,
	"error_message" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_sync_alerts" ADD CONSTRAINT "calendar_sync_alerts_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_sync_alerts" ADD CONSTRAINT "calendar_sync_alerts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_failures" ADD CONSTRAINT "alert_failures_alert_id_calendar_sync_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."calendar_sync_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_failures" ADD CONSTRAINT "alert_failures_feed_id_calendar_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."calendar_feeds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_sync_alerts_one_open_per_listing" ON "calendar_sync_alerts" USING btree ("listing_id") WHERE "calendar_sync_alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "calendar_sync_alerts_open_by_attempts_idx" ON "calendar_sync_alerts" USING btree ("failed_attempts","last_failed_at","id") WHERE "calendar_sync_alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "calendar_sync_alerts_history_idx" ON "calendar_sync_alerts" USING btree ("last_failed_at","id");--> statement-breakpoint
CREATE INDEX "calendar_sync_alerts_status_history_idx" ON "calendar_sync_alerts" USING btree ("status","last_failed_at","id");--> statement-breakpoint
CREATE INDEX "calendar_sync_alerts_listing_history_idx" ON "calendar_sync_alerts" USING btree ("listing_id","last_failed_at","id");--> statement-breakpoint
CREATE INDEX "alert_failures_alert_idx" ON "alert_failures" USING btree ("alert_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "email_outbox_dedupe_key" ON "email_outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "email_outbox_due_idx" ON "email_outbox" USING btree ("next_attempt_at") WHERE "email_outbox"."status" <> 'sent';