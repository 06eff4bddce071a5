ALTER TABLE "booking_conflicts" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "booking_conflicts_unconfirmed_idx" ON "booking_conflicts" USING btree ("detected_at") WHERE "booking_conflicts"."status" = 'open' and "booking_conflicts"."confirmed_at" is null;--> statement-breakpoint
-- Conflicts detected before the second look was told at once: they count as confirmed.
UPDATE "booking_conflicts" SET "confirmed_at" = "detected_at";
