import type { SyncErrorType } from "../../shared/sync-error-types";
import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn as at, timestamps } from "./columns";
import { listings } from "./listings";

export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: idColumn(),
    listingId: text("listing_id")
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    /** The host's own label for the feed ("Airbnb", "Mon agenda"): shown, never used to group. */
    provider: text("provider").notNull(),
    /** Derived from the URL's host when the feed is added (providerKeyOf): the platform feeds fail together on. */
    providerKey: text("provider_key").notNull().default(""),
    /** AES-256-GCM of the feed URL ("v1:…"): the URL's token grants read access to the host's calendar. */
    urlCiphertext: text("url_ciphertext").notNull(),
    /** What may be shown: scheme, host and the start of the path. */
    urlMasked: text("url_masked").notNull().default(""),
    /** Keyed hash of the normalised URL, so a listing cannot hold the same feed twice. */
    urlFingerprint: text("url_fingerprint"),
    etag: text("etag"),
    lastModified: text("last_modified"),
    bodyHash: text("body_hash"),
    lastFullFetchAt: at("last_full_fetch_at"),
    nextSyncAt: at("next_sync_at").notNull().defaultNow(),
    leaseOwner: text("lease_owner"),
    leaseUntil: at("lease_until"),
    lastAttemptAt: at("last_attempt_at"),
    lastSuccessAt: at("last_success_at"),
    lastOutcome: text("last_outcome"),
    lastErrorType: text("last_error_type").$type<SyncErrorType>(),
    lastErrorMessage: text("last_error_message"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** Syncs that found nothing new (304 or the same normalised body): counted here instead of a run row each. */
    unchangedSyncs: integer("unchanged_syncs").notNull().default(0),
    eventCount: integer("event_count"),
    /** When the feed first came back empty after having events; blocks are kept until this is confirmed. */
    emptySince: at("empty_since"),
    /** Not synced and never alerting while set: paused by the platform (`paused`) or with its archived listing (`archived`). */
    pausedAt: at("paused_at"),
    pauseReason: text("pause_reason").$type<FeedPauseReason>(),
    ...timestamps,
  },
  (t) => [
    index("calendar_feeds_listing_id_idx").on(t.listingId),
    // The claim's queue: paused feeds are not in it.
    index("calendar_feeds_next_sync_idx")
      .on(t.nextSyncAt)
      .where(sql`${t.pausedAt} is null`),
    // A provider's feeds synced in the last minutes: the incident rule's window, a range scan.
    index("calendar_feeds_provider_attempt_idx").on(t.providerKey, t.lastAttemptAt),
    uniqueIndex("calendar_feeds_listing_url_key").on(t.listingId, t.urlFingerprint),
    // The dashboard's « calendriers soudain vides »: few rows, read on every dashboard render.
    index("calendar_feeds_empty_since_idx")
      .on(t.emptySince)
      .where(sql`${t.emptySince} is not null`),
  ],
);

export const FEED_PAUSE_REASONS = ["paused", "archived"] as const;
export type FeedPauseReason = (typeof FEED_PAUSE_REASONS)[number];

export type CalendarFeed = typeof calendarFeeds.$inferSelect;
