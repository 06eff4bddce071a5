CREATE TYPE "public"."stay_kind" AS ENUM('reservation', 'blocked', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."conflict_certainty" AS ENUM('certain', 'probable');--> statement-breakpoint
CREATE TYPE "public"."conflict_status" AS ENUM('open', 'resolved', 'dismissed');--> statement-breakpoint
CREATE TABLE "booking_conflicts" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"certainty" "conflict_certainty" NOT NULL,
	"status" "conflict_status" DEFAULT 'open' NOT NULL,
	"feed_a_id" text NOT NULL,
	"uid_a" text NOT NULL,
	"provider_a" text NOT NULL,
	"kind_a" "stay_kind" NOT NULL,
	"starts_at_a" timestamp with time zone NOT NULL,
	"ends_at_a" timestamp with time zone NOT NULL,
	"feed_b_id" text NOT NULL,
	"uid_b" text NOT NULL,
	"provider_b" text NOT NULL,
	"kind_b" "stay_kind" NOT NULL,
	"starts_at_b" timestamp with time zone NOT NULL,
	"ends_at_b" timestamp with time zone NOT NULL,
	"first_night" date NOT NULL,
	"last_night" date NOT NULL,
	"nights" integer NOT NULL,
	"arrived_after_hours" integer,
	"detected_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"dismissed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "time_zone" text DEFAULT 'Europe/Paris' NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_blocks" ADD COLUMN "kind" "stay_kind" DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_conflicts" ADD CONSTRAINT "booking_conflicts_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_conflicts" ADD CONSTRAINT "booking_conflicts_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_conflicts_one_open_per_pair" ON "booking_conflicts" USING btree ("listing_id","feed_a_id","uid_a","feed_b_id","uid_b") WHERE "booking_conflicts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "booking_conflicts_dismissed_pairs_idx" ON "booking_conflicts" USING btree ("listing_id","feed_a_id","uid_a","feed_b_id","uid_b") WHERE "booking_conflicts"."status" = 'dismissed';--> statement-breakpoint
CREATE INDEX "booking_conflicts_status_first_night_idx" ON "booking_conflicts" USING btree ("status","first_night","id");--> statement-breakpoint
CREATE INDEX "booking_conflicts_history_idx" ON "booking_conflicts" USING btree ("detected_at","id");--> statement-breakpoint
CREATE INDEX "booking_conflicts_listing_idx" ON "booking_conflicts" USING btree ("listing_id","detected_at");