import { index, pgTable, text } from "drizzle-orm/pg-core";
import { idColumn, timestamps } from "./columns";
import { listings } from "./listings";

export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: idColumn(),
    listingId: text("listing_id")
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    url: text("url").notNull(),
    ...timestamps,
  },
  (t) => [index("calendar_feeds_listing_id_idx").on(t.listingId)],
);

export type CalendarFeed = typeof calendarFeeds.$inferSelect;
