import { index, pgTable, text } from "drizzle-orm/pg-core";
import { idColumn, timestamps } from "./columns";
import { users } from "./users";

export const listings = pgTable(
  "listings",
  {
    id: idColumn(),
    title: text("title").notNull(),
    city: text("city").notNull(),
    /** Where the listing is: its stays are counted in nights of this zone (IANA name). */
    timeZone: text("time_zone").notNull().default("Europe/Paris"),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    ...timestamps,
  },
  (t) => [index("listings_owner_id_idx").on(t.ownerId)],
);

export type Listing = typeof listings.$inferSelect;
