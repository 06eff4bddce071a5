import { sql } from "drizzle-orm";
import { queryRows } from "../../db/query-rows";
import type { ServiceContext } from "../../service-context";
import { PLATFORM_FEED_ID } from "../../shared/platform-source";
import { conflictFactsColumns, type ConflictFactsRow } from "./conflict-facts-row";

/**
 * Open conflicts due for their second look at `now`, oldest first, with what their e-mails say and their feeds'
 * providers: both feeds were synced again since the detection (the platform's side is not fetched: its reservation
 * is what the platform says now) and `confirmMinutes` passed. A probable conflict further than `notifyDays` from its
 * detection is never due.
 */
export async function readDueConflicts(
  ctx: ServiceContext,
  input: { now: Date; confirmMinutes: number; notifyDays: number; limit: number },
): Promise<Array<ConflictFactsRow & { feed_providers: string[] }>> {
  const { now, confirmMinutes, notifyDays, limit } = input;
  return queryRows<ConflictFactsRow & { feed_providers: string[] }>(
    ctx.db,
    sql`select ${sql.raw(conflictFactsColumns)}, array_remove(array[fa.provider_key, fb.provider_key], null) as feed_providers
      from booking_conflicts c
      join listings l on l.id = c.listing_id
      join users u on u.id = l.owner_id
      left join calendar_feeds fa on fa.id = c.feed_a_id
      left join calendar_feeds fb on fb.id = c.feed_b_id
      where c.status = 'open' and c.confirmed_at is null
        and c.detected_at <= ${now}::timestamptz - make_interval(mins => ${confirmMinutes}::int)
        and (c.feed_a_id = ${PLATFORM_FEED_ID} or fa.last_attempt_at > c.detected_at)
        and (c.feed_b_id = ${PLATFORM_FEED_ID} or fb.last_attempt_at > c.detected_at)
        and (c.certainty = 'certain' or c.first_night <= ((c.detected_at at time zone 'UTC') + make_interval(days => ${notifyDays}::int))::date)
      order by c.detected_at
      limit ${limit}`,
  );
}
