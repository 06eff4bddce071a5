CREATE TYPE "public"."incident_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TABLE "provider_incident_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "provider_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_key" text NOT NULL,
	"status" "incident_status" DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution" text,
	"error_counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"feeds_failing" integer NOT NULL,
	"listings_failing" integer NOT NULL,
	"feeds_synced" integer NOT NULL,
	"next_probe_at" timestamp with time zone NOT NULL,
	"probe_owner" text,
	"probe_until" timestamp with time zone,
	"consecutive_probe_successes" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_sync_alerts" ADD COLUMN "escalation_held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "provider_incident_events" ADD CONSTRAINT "provider_incident_events_incident_id_provider_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."provider_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_incidents" ADD CONSTRAINT "provider_incidents_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provider_incident_events_incident_idx" ON "provider_incident_events" USING btree ("incident_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_incidents_one_open_per_provider" ON "provider_incidents" USING btree ("provider_key") WHERE "provider_incidents"."status" = 'open';--> statement-breakpoint
CREATE INDEX "provider_incidents_history_idx" ON "provider_incidents" USING btree ("opened_at","id");--> statement-breakpoint
CREATE INDEX "provider_incidents_provider_idx" ON "provider_incidents" USING btree ("provider_key","resolved_at");--> statement-breakpoint
CREATE INDEX "provider_incidents_due_probe_idx" ON "provider_incidents" USING btree ("next_probe_at") WHERE "provider_incidents"."status" = 'open';--> statement-breakpoint
CREATE INDEX "calendar_feeds_provider_attempt_idx" ON "calendar_feeds" USING btree ("provider_key","last_attempt_at");