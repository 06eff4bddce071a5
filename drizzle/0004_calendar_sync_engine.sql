CREATE TABLE "calendar_blocks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"feed_id" text NOT NULL,
	"listing_id" text NOT NULL,
	"uid" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"all_day" boolean NOT NULL,
	"summary" text
);
--> statement-breakpoint
CREATE TABLE "calendar_sync_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"feed_id" text NOT NULL,
	"listing_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"error_type" text,
	"error_message" text,
	"http_status" integer,
	"duration_ms" integer NOT NULL,
	"event_count" integer,
	"skipped_count" integer
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ALTER COLUMN "url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ALTER COLUMN "url_ciphertext" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "url_masked" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "url_fingerprint" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "etag" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "last_modified" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "body_hash" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "last_full_fetch_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "next_sync_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "last_success_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "last_outcome" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "last_error_type" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "last_error_message" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "consecutive_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "event_count" integer;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "empty_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_blocks" ADD CONSTRAINT "calendar_blocks_feed_id_calendar_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."calendar_feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_blocks" ADD CONSTRAINT "calendar_blocks_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_sync_runs" ADD CONSTRAINT "calendar_sync_runs_feed_id_calendar_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."calendar_feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_sync_runs" ADD CONSTRAINT "calendar_sync_runs_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_blocks_listing_start_idx" ON "calendar_blocks" USING btree ("listing_id","starts_at");--> statement-breakpoint
CREATE INDEX "calendar_blocks_feed_idx" ON "calendar_blocks" USING btree ("feed_id");--> statement-breakpoint
CREATE INDEX "calendar_sync_runs_feed_idx" ON "calendar_sync_runs" USING btree ("feed_id","started_at");--> statement-breakpoint
CREATE INDEX "calendar_sync_runs_listing_idx" ON "calendar_sync_runs" USING btree ("listing_id","started_at");--> statement-breakpoint
CREATE INDEX "calendar_feeds_next_sync_idx" ON "calendar_feeds" USING btree ("next_sync_at");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_listing_url_key" ON "calendar_feeds" USING btree ("listing_id","url_fingerprint");