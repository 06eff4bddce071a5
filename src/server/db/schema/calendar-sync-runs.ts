import type { SyncErrorType } from "../../shared/sync-error-types";
import { bigserial, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestampColumn } from "./columns";
import { calendarFeeds } from "./calendar-feeds";

export const SYNC_OUTCOMES = ["success", "unchanged", "warning", "failure"] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

/** One row per sync attempt of a feed. */
export const calendarSyncRuns = pgTable(
  "calendar_sync_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    feedId: text("feed_id")
      .notNull()
      .references(() => calendarFeeds.id, { onDelete: "cascade" }),
    // No foreign key of its own: the feed's (which cascades from the listing) covers it, and a check per inserted
    // row cost as much as the insert. Always copied from the feed's row.
    listingId: text("listing_id").notNull(),
    startedAt: timestampColumn("started_at").notNull(),
    finishedAt: timestampColumn("finished_at").notNull(),
    outcome: text("outcome").$type<SyncOutcome>().notNull(),
    errorType: text("error_type").$type<SyncErrorType>(),
    errorMessage: text("error_message"),
    httpStatus: integer("http_status"),
    durationMs: integer("duration_ms").notNull(),
    eventCount: integer("event_count"),
    skippedCount: integer("skipped_count"),
  },
  (t) => [
    index("calendar_sync_runs_feed_idx").on(t.feedId, t.startedAt),
    index("calendar_sync_runs_listing_idx").on(t.listingId, t.startedAt),
    // Retention deletes the oldest runs first.
    index("calendar_sync_runs_started_at_idx").on(t.startedAt),
  ],
);

export type CalendarSyncRun = typeof calendarSyncRuns.$inferSelect;
