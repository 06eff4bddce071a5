DROP INDEX "notification_events_conflict_detected_idx";--> statement-breakpoint
DROP INDEX "calendar_feeds_next_sync_idx";--> statement-breakpoint
ALTER TABLE "notification_events" ADD COLUMN "facts" jsonb;--> statement-breakpoint
ALTER TABLE "notification_events" ADD COLUMN "fanned_out_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notification_events_unfanned_idx" ON "notification_events" USING btree ("seq") WHERE "notification_events"."fanned_out_at" is null;--> statement-breakpoint
CREATE INDEX "calendar_feeds_next_sync_idx" ON "calendar_feeds" USING btree ("next_sync_at") WHERE "calendar_feeds"."paused_at" is null;