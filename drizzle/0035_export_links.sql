CREATE TABLE "export_links" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"destination" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_ciphertext" text NOT NULL,
	"previous_token_hash" text,
	"previous_valid_until" timestamp with time zone,
	"rotated_at" timestamp with time zone,
	"last_read_at" timestamp with time zone,
	"last_reader" text,
	"last_read_status" integer,
	"stale_since" timestamp with time zone,
	"stale_escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "export_links_destination_check" CHECK ("export_links"."destination" in ('airbnb', 'booking', 'vrbo', 'other'))
);
--> statement-breakpoint
CREATE TABLE "export_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"link_id" text NOT NULL,
	"listing_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"status" integer NOT NULL,
	"user_agent" text,
	"reader" text NOT NULL,
	"client_network" text,
	"previous_token" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "provider_incidents" ADD COLUMN "direction" text DEFAULT 'import' NOT NULL;--> statement-breakpoint
ALTER TABLE "export_links" ADD CONSTRAINT "export_links_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_reads" ADD CONSTRAINT "export_reads_link_id_export_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."export_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "export_links_listing_destination_key" ON "export_links" USING btree ("listing_id","destination");--> statement-breakpoint
CREATE UNIQUE INDEX "export_links_token_hash_key" ON "export_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "export_links_previous_token_hash_idx" ON "export_links" USING btree ("previous_token_hash") WHERE "export_links"."previous_token_hash" is not null;--> statement-breakpoint
CREATE INDEX "export_links_read_idx" ON "export_links" USING btree ("last_read_at") WHERE "export_links"."last_read_at" is not null and "export_links"."stale_since" is null;--> statement-breakpoint
CREATE INDEX "export_links_stale_idx" ON "export_links" USING btree ("stale_since") WHERE "export_links"."stale_since" is not null;--> statement-breakpoint
CREATE INDEX "export_reads_link_at_idx" ON "export_reads" USING btree ("link_id","at");--> statement-breakpoint
CREATE INDEX "export_reads_at_idx" ON "export_reads" USING btree ("at");