CREATE TYPE "public"."alert_event_kind" AS ENUM('note', 'assigned', 'unassigned', 'snoozed', 'unsnoozed', 'woke', 'second_level');--> statement-breakpoint
CREATE TABLE "alert_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" text NOT NULL,
	"kind" "alert_event_kind" NOT NULL,
	"actor_id" text,
	"text" text,
	"data" jsonb,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_sync_alerts" ADD COLUMN "assignee_id" text;--> statement-breakpoint
ALTER TABLE "calendar_sync_alerts" ADD COLUMN "snoozed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_sync_alerts" ADD COLUMN "snoozed_until_change" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_sync_alerts" ADD COLUMN "snoozed_error_type" text;--> statement-breakpoint
ALTER TABLE "calendar_sync_alerts" ADD COLUMN "second_level_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_alert_id_calendar_sync_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."calendar_sync_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_events_alert_idx" ON "alert_events" USING btree ("alert_id","occurred_at","id");--> statement-breakpoint
ALTER TABLE "calendar_sync_alerts" ADD CONSTRAINT "calendar_sync_alerts_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_sync_alerts_open_assignee_idx" ON "calendar_sync_alerts" USING btree ("assignee_id") WHERE "calendar_sync_alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "calendar_sync_alerts_snoozed_idx" ON "calendar_sync_alerts" USING btree ("snoozed_until") WHERE "calendar_sync_alerts"."status" <> 'resolved' and "calendar_sync_alerts"."snoozed_until" is not null;