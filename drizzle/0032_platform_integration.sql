CREATE TABLE "platform_reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"external_id" text NOT NULL,
	"check_in" date NOT NULL,
	"check_out" date NOT NULL,
	"status" text NOT NULL,
	"guest_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_reservations_status_check" CHECK ("platform_reservations"."status" in ('confirmed', 'cancelled')),
	CONSTRAINT "platform_reservations_nights_check" CHECK ("platform_reservations"."check_out" > "platform_reservations"."check_in")
);
--> statement-breakpoint
CREATE TABLE "account_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"replaced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "pause_reason" text;--> statement-breakpoint
ALTER TABLE "calendar_sync_alerts" ADD COLUMN "resolved_by_api_key_id" text;--> statement-breakpoint
ALTER TABLE "platform_reservations" ADD CONSTRAINT "platform_reservations_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_invitations" ADD CONSTRAINT "account_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "platform_reservations_listing_external_key" ON "platform_reservations" USING btree ("listing_id","external_id");--> statement-breakpoint
CREATE INDEX "platform_reservations_listing_check_out_idx" ON "platform_reservations" USING btree ("listing_id","check_out") WHERE "platform_reservations"."status" = 'confirmed';--> statement-breakpoint
CREATE INDEX "platform_reservations_check_out_idx" ON "platform_reservations" USING btree ("check_out");--> statement-breakpoint
CREATE UNIQUE INDEX "account_invitations_token_key" ON "account_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "account_invitations_user_idx" ON "account_invitations" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "calendar_sync_alerts" ADD CONSTRAINT "calendar_sync_alerts_resolved_by_api_key_id_api_keys_id_fk" FOREIGN KEY ("resolved_by_api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_external_id_key" ON "users" USING btree ("external_id") WHERE "users"."external_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "listings_external_id_key" ON "listings" USING btree ("external_id") WHERE "listings"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "listings_updated_idx" ON "listings" USING btree ("updated_at","id");