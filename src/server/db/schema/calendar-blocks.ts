import { bigserial, boolean, index, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { STAY_KINDS } from "../../shared/stay-kinds";
import { timestampColumn } from "./columns";
import { calendarFeeds } from "./calendar-feeds";

export const stayKind = pgEnum("stay_kind", STAY_KINDS);

/** Busy periods imported from a feed; replaced as a whole by each successful sync of that feed. */
export const calendarBlocks = pgTable(
  "calendar_blocks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    feedId: text("feed_id")
      .notNull()
      .references(() => calendarFeeds.id, { onDelete: "cascade" }),
    // No foreign key of its own: the feed's (which cascades from the listing) covers it, and a check per inserted
    // row cost as much as the insert. Always copied from the feed's row.
    listingId: text("listing_id").notNull(),
    uid: text("uid").notNull(),
    startsAt: timestampColumn("starts_at").notNull(),
    endsAt: timestampColumn("ends_at").notNull(),
    allDay: boolean("all_day").notNull(),
    summary: text("summary"),
    kind: stayKind("kind").notNull().default("unknown"),
  },
  (t) => [
    index("calendar_blocks_listing_start_idx").on(t.listingId, t.startsAt),
    index("calendar_blocks_feed_idx").on(t.feedId),
  ],
);

export type CalendarBlock = typeof calendarBlocks.$inferSelect;
