import { sql } from "drizzle-orm";
import { getConfig } from "../../config";
import { queryRows } from "../../db/query-rows";
import { inTransaction, type ServiceContext } from "../../service-context";
import { sendConflictEmails } from "../notifications/notifications.service";

const BATCH = 100;

/**
 * A detected conflict tells nobody until it has survived a second look: both its feeds were synced again since it was
 * found (an import that changed their stays would have resolved it, had the overlap gone) and CONFLICT_CONFIRM_MINUTES
 * passed, whichever comes later. Then, in one transaction, it is marked confirmed and its e-mails and channel event
 * are queued (SKIP LOCKED: once, however many workers run it). A probable conflict further than CONFLICT_NOTIFY_DAYS
 * from its detection is never told. A conflict that closes before its second look has told nobody and says nothing. Returns how many were told.
 */
export async function confirmBookingConflicts(ctx: ServiceContext, input: { now?: Date } = {}): Promise<number> {
  const { conflicts } = getConfig();
  if (!conflicts.enabled) return 0;
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const rows = await queryRows<{
      id: string;
      title: string;
      host_name: string;
      host_email: string;
      certainty: "certain" | "probable";
      first_night: string;
      last_night: string;
      nights: number;
      provider_a: string;
      provider_b: string;
      arrived_after_hours: number | null;
    }>(
      tx.db,
      sql`with due as (
            select c.id from booking_conflicts c
            join calendar_feeds fa on fa.id = c.feed_a_id
            join calendar_feeds fb on fb.id = c.feed_b_id
            where c.status = 'open' and c.confirmed_at is null
              and c.detected_at <= ${now}::timestamptz - make_interval(mins => ${conflicts.confirmMinutes}::int)
              and fa.last_attempt_at > c.detected_at and fb.last_attempt_at > c.detected_at
              and (c.certainty = 'certain' or c.first_night <= ((c.detected_at at time zone 'UTC') + make_interval(days => ${conflicts.notifyDays}::int))::date)
            order by c.detected_at
            limit ${BATCH}
            for update of c skip locked
          )
          update booking_conflicts c set confirmed_at = ${now}::timestamptz, updated_at = now()
          from due, listings l, users u
          where c.id = due.id and l.id = c.listing_id and u.id = l.owner_id
          returning c.id, l.title, u.name as host_name, u.email as host_email, c.certainty, c.first_night::text as first_night,
            c.last_night::text as last_night, c.nights, c.provider_a, c.provider_b, c.arrived_after_hours`,
    );
    for (const row of rows) {
      const facts = {
        id: row.id,
        listingTitle: row.title,
        hostName: row.host_name,
        certainty: row.certainty,
        firstNight: row.first_night,
        lastNight: row.last_night,
        nights: Number(row.nights),
        providers: [row.provider_a, row.provider_b] as [string, string],
        arrivedAfterHours: row.arrived_after_hours === null ? null : Number(row.arrived_after_hours),
      };
      await sendConflictEmails(tx, { facts, hostEmail: row.host_email });
    }
    return rows.length;
  });
}
