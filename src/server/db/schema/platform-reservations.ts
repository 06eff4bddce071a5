import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestamps } from "./columns";
import { listings } from "./listings";

export const PLATFORM_RESERVATION_STATUSES = ["confirmed", "cancelled"] as const;
export type PlatformReservationStatus = (typeof PLATFORM_RESERVATION_STATUSES)[number];

/**
 * The platform's own bookings (PUT /api/v1/listings/{externalId}/reservations/{reservationId}): stays of kind
 * reservation from the source « plateforme », read by the double-booking detection beside the feeds' stays. Dates are
 * the listing's days (check-out is the morning after the last night). The guest's name is personal data: shown to
 * support only, and deleted with the row by retention 90 days after check-out.
 */
export const platformReservations = pgTable(
  "platform_reservations",
  {
    id: idColumn(),
    listingId: text("listing_id")
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    checkIn: date("check_in", { mode: "string" }).notNull(),
    checkOut: date("check_out", { mode: "string" }).notNull(),
    status: text("status").$type<PlatformReservationStatus>().notNull(),
    guestName: text("guest_name"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("platform_reservations_listing_external_key").on(t.listingId, t.externalId),
    // The detection's read: a listing's confirmed stays not yet over.
    index("platform_reservations_listing_check_out_idx")
      .on(t.listingId, t.checkOut)
      .where(sql`${t.status} = 'confirmed'`),
    index("platform_reservations_check_out_idx").on(t.checkOut),
    check("platform_reservations_status_check", sql`${t.status} in ('confirmed', 'cancelled')`),
    check("platform_reservations_nights_check", sql`${t.checkOut} > ${t.checkIn}`),
  ],
);

export type PlatformReservation = typeof platformReservations.$inferSelect;
