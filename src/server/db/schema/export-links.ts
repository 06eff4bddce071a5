import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { ExportDestination } from "../../shared/export-destinations";
import { idColumn, timestampColumn as at, timestamps } from "./columns";
import { listings } from "./listings";

/**
 * A listing's calendar as one destination reads it (`/ical/{token}.ics`): one link per listing and destination. The
 * token is looked up by its hash; its ciphertext is kept so that the host can copy the link again. A rotated token
 * keeps working until previous_valid_until (EXPORT_LINK_GRACE_DAYS), so the host has time to paste the new one.
 */
export const exportLinks = pgTable(
  "export_links",
  {
    id: idColumn(),
    listingId: text("listing_id")
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    destination: text("destination").$type<ExportDestination>().notNull(),
    tokenHash: text("token_hash").notNull(),
    tokenCiphertext: text("token_ciphertext").notNull(),
    previousTokenHash: text("previous_token_hash"),
    previousValidUntil: at("previous_valid_until"),
    rotatedAt: at("rotated_at"),
    /** The last read recorded (at most one a minute): when, by whom (User-Agent), with which answer. */
    lastReadAt: at("last_read_at"),
    lastReader: text("last_reader"),
    lastReadStatus: integer("last_read_status"),
    /** Read once, then unread for EXPORT_STALE_HOURS: since when the worker counted it stale (null: it is not). */
    staleSince: at("stale_since"),
    /** When its staleness was counted again for escalation (EXPORT_ESCALATE_HOURS without a read). */
    staleEscalatedAt: at("stale_escalated_at"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("export_links_listing_destination_key").on(t.listingId, t.destination),
    uniqueIndex("export_links_token_hash_key").on(t.tokenHash),
    index("export_links_previous_token_hash_idx")
      .on(t.previousTokenHash)
      .where(sql`${t.previousTokenHash} is not null`),
    // The worker's look: links read once and not stale yet, oldest read first; and the stale ones.
    index("export_links_read_idx")
      .on(t.lastReadAt)
      .where(sql`${t.lastReadAt} is not null and ${t.staleSince} is null`),
    index("export_links_stale_idx")
      .on(t.staleSince)
      .where(sql`${t.staleSince} is not null`),
    check("export_links_destination_check", sql`${t.destination} in ('airbnb', 'booking', 'vrbo', 'other')`),
  ],
);

/** The reads of the export links, one row a minute at most per link; deleted by retention after 30 days. */
export const exportReads = pgTable(
  "export_reads",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    linkId: text("link_id")
      .notNull()
      .references(() => exportLinks.id, { onDelete: "cascade" }),
    listingId: text("listing_id").notNull(),
    at: at("at").notNull(),
    status: integer("status").notNull(),
    /** The User-Agent, cut to 200 characters, and who it names (export-readers.ts). */
    userAgent: text("user_agent"),
    reader: text("reader").notNull(),
    /** The client's network, never its address: /24 or /48. */
    clientNetwork: text("client_network"),
    /** Read through the token replaced by the last rotation, during its grace. */
    previousToken: boolean("previous_token").notNull().default(false),
  },
  (t) => [index("export_reads_link_at_idx").on(t.linkId, t.at), index("export_reads_at_idx").on(t.at)],
);

export type ExportLink = typeof exportLinks.$inferSelect;
export type ExportRead = typeof exportReads.$inferSelect;
