import { sql } from "drizzle-orm";
import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn, timestamps } from "./columns";
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
    /** The platform's own id (integration API, listings:import); null for a listing made here (the demo's seed). */
    externalId: text("external_id"),
    /** Withdrawn by the platform (DELETE /api/v1/listings/{externalId}): off the pages, its feeds stopped; its history kept. */
    archivedAt: timestampColumn("archived_at"),
    ...timestamps,
  },
  (t) => [
    index("listings_owner_id_idx").on(t.ownerId),
    uniqueIndex("listings_external_id_key")
      .on(t.externalId)
      .where(sql`${t.externalId} is not null`),
    // GET /api/v1/listings?updatedSince=…&cursor=…: a range scan in the order it pages.
    index("listings_updated_idx").on(t.updatedAt, t.id),
  ],
);

export type Listing = typeof listings.$inferSelect;
