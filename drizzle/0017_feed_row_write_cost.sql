-- Each sync writes ~20 blocks and a run: their listing_id foreign keys checked the listing once per row, and the
-- feed's own foreign key (which cascades from the listing) already covers a listing's removal.
ALTER TABLE "calendar_blocks" DROP CONSTRAINT "calendar_blocks_listing_id_listings_id_fk";--> statement-breakpoint
ALTER TABLE "calendar_sync_runs" DROP CONSTRAINT "calendar_sync_runs_listing_id_listings_id_fk";--> statement-breakpoint
-- The (provider_key, last_attempt_at) index answers every lookup by provider_key alone: this one only cost an index entry per sync.
DROP INDEX "calendar_feeds_provider_key_idx";--> statement-breakpoint
-- Room in each page for the claim's update (lease columns, not indexed) to stay on the page (a HOT update, no index entries).
ALTER TABLE "calendar_feeds" SET (fillfactor = 85);
