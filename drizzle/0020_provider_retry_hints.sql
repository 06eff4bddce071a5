CREATE TABLE "provider_retry_hints" (
	"provider_key" text NOT NULL,
	"owner_id" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"hinted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "provider_retry_hints_pk" PRIMARY KEY("provider_key","owner_id")
);
--> statement-breakpoint
ALTER TABLE "provider_incidents" ADD COLUMN "probe_success_owner_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "provider_incidents" ADD COLUMN "last_probe_owner_id" text;--> statement-breakpoint
CREATE INDEX "provider_retry_hints_until_idx" ON "provider_retry_hints" USING btree ("until");