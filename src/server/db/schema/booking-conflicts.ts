import { sql } from "drizzle-orm";
import { date, index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn, timestamps } from "./columns";
import { listings } from "./listings";
import { users } from "./users";
import { stayKind } from "./calendar-blocks";

export const CONFLICT_CERTAINTIES = ["certain", "probable"] as const;
export const conflictCertainty = pgEnum("conflict_certainty", CONFLICT_CERTAINTIES);
export type ConflictCertainty = (typeof CONFLICT_CERTAINTIES)[number];

export const CONFLICT_STATUSES = ["open", "resolved", "dismissed"] as const;
export const conflictStatus = pgEnum("conflict_status", CONFLICT_STATUSES);
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

/**
 * Two stays of one listing, from two of its feeds, that share nights not yet passed: one row per pair, side A the
 * lower feed id. The sides are copied (feed, platform, kind, dates) so the conflict outlives a removed feed or stay.
 * No guest data: a stay is its platform, kind and dates.
 */
export const bookingConflicts = pgTable(
  "booking_conflicts",
  {
    id: idColumn(),
    listingId: text("listing_id")
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    certainty: conflictCertainty("certainty").notNull(),
    status: conflictStatus("status").notNull().default("open"),
    feedAId: text("feed_a_id").notNull(),
    uidA: text("uid_a").notNull(),
    providerA: text("provider_a").notNull(),
    kindA: stayKind("kind_a").notNull(),
    startsAtA: timestampColumn("starts_at_a").notNull(),
    endsAtA: timestampColumn("ends_at_a").notNull(),
    feedBId: text("feed_b_id").notNull(),
    uidB: text("uid_b").notNull(),
    providerB: text("provider_b").notNull(),
    kindB: stayKind("kind_b").notNull(),
    startsAtB: timestampColumn("starts_at_b").notNull(),
    endsAtB: timestampColumn("ends_at_b").notNull(),
    /** The nights the two stays share, in the listing's time zone (the last one included). */
    firstNight: date("first_night", { mode: "string" }).notNull(),
    lastNight: date("last_night", { mode: "string" }).notNull(),
    nights: integer("nights").notNull(),
    /** Opened by the first successful sync of a feed after a run of failures: hours since its previous success. */
    arrivedAfterHours: integer("arrived_after_hours"),
    detectedAt: timestampColumn("detected_at").notNull(),
    /** When it survived its second look (alerting/confirm-booking-conflicts.ts) and told support and the host; null before. */
    confirmedAt: timestampColumn("confirmed_at"),
    resolvedAt: timestampColumn("resolved_at"),
    /** « chevauchement disparu » (a later sync) or the reason support gave for « Pas un conflit ». */
    resolution: text("resolution"),
    dismissedBy: text("dismissed_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("booking_conflicts_one_open_per_pair")
      .on(t.listingId, t.feedAId, t.uidA, t.feedBId, t.uidB)
      .where(sql`${t.status} = 'open'`),
    index("booking_conflicts_dismissed_pairs_idx")
      .on(t.listingId, t.feedAId, t.uidA, t.feedBId, t.uidB)
      .where(sql`${t.status} = 'dismissed'`),
    index("booking_conflicts_status_first_night_idx").on(t.status, t.firstNight, t.id),
    index("booking_conflicts_history_idx").on(t.detectedAt, t.id),
    index("booking_conflicts_listing_idx").on(t.listingId, t.detectedAt),
    // The confirmation sweep's candidates: open, not yet told.
    index("booking_conflicts_unconfirmed_idx")
      .on(t.detectedAt)
      .where(sql`${t.status} = 'open' and ${t.confirmedAt} is null`),
  ],
);

export type BookingConflict = typeof bookingConflicts.$inferSelect;
