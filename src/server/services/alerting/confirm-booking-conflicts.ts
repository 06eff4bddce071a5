import { sql } from "drizzle-orm";
import { getConfig } from "../../config";
import { PLATFORM_FEED_ID } from "../../shared/platform-source";
import { queryRows } from "../../db/query-rows";
import { inTransaction, type ServiceContext } from "../../service-context";
import { recordEvent } from "../events/events.service";
import { conflictFactsColumns, conflictFactsOf, type ConflictFactsRow } from "./conflict-facts-row";

const BATCH = 100;

/**
 * A detected conflict tells nobody until it has survived a second look: both its feeds (the platform's reservations
 * count as read) were synced again since it was found (an import that changed their stays would have resolved it, had the overlap gone) and CONFLICT_CONFIRM_MINUTES
 * passed, whichever comes later. Then, in one transaction, it is marked confirmed and conflict.detected is
 * recorded (SKIP LOCKED: once, however many workers run it). A probable conflict further than CONFLICT_NOTIFY_DAYS
 * from its detection is never told. A conflict that closes before its second look has told nobody and says nothing. Returns how many were told.
 */
export async function confirmBookingConflicts(ctx: ServiceContext, input: { now?: Date } = {}): Promise<number> {
  const { conflicts } = getConfig();
  if (!conflicts.enabled) return 0;
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const rows = await queryRows<ConflictFactsRow & { feed_providers: string[] }>(
      tx.db,
      sql`with due as (
            select c.id, array_remove(array[fa.provider_key, fb.provider_key], null) as feed_providers from booking_conflicts c
            left join calendar_feeds fa on fa.id = c.feed_a_id
            left join calendar_feeds fb on fb.id = c.feed_b_id
            where c.status = 'open' and c.confirmed_at is null
              and c.detected_at <= ${now}::timestamptz - make_interval(mins => ${conflicts.confirmMinutes}::int)
              -- The platform's side is not fetched: its reservation is what the platform says now.
              and (c.feed_a_id = ${PLATFORM_FEED_ID} or fa.last_attempt_at > c.detected_at)
              and (c.feed_b_id = ${PLATFORM_FEED_ID} or fb.last_attempt_at > c.detected_at)
              and (c.certainty = 'certain' or c.first_night <= ((c.detected_at at time zone 'UTC') + make_interval(days => ${conflicts.notifyDays}::int))::date)
            order by c.detected_at
            limit ${BATCH}
            for update of c skip locked
          )
          update booking_conflicts c set confirmed_at = ${now}::timestamptz, updated_at = now()
          from due, listings l, users u
          where c.id = due.id and l.id = c.listing_id and u.id = l.owner_id
          returning ${sql.raw(conflictFactsColumns)}, due.feed_providers`,
    );
    for (const row of rows)
      await recordEvent(tx, {
        type: "conflict.detected",
        conflict: conflictFactsOf(row),
        hostEmail: row.host_email,
        providers: row.feed_providers,
      });
    return rows.length;
  });
}
