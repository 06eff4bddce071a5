import { sql } from "drizzle-orm";
import { getConfig } from "../../config";
import { queryRows } from "../../db/query-rows";
import { inTransaction, type ServiceContext } from "../../service-context";
import { conflictResolvedData, publishNotificationEvent } from "../notifications/notifications.service";

const BATCH = 100;

/**
 * `conflict.resolved` for the channels: a conflict whose `conflict.detected` was published and that is now resolved
 * (its overlap vanished at a sync) or dismissed by support. The detection statement and the dismissal belong to the
 * conflict store, which calls no notifier; the worker's outbox loop runs this within seconds instead, and the event's
 * dedupe key makes it once per conflict however many workers run it. Returns how many it published.
 */
export async function publishConflictResolutions(ctx: ServiceContext): Promise<number> {
  const appUrl = getConfig().auth.url;
  return inTransaction(ctx, async (tx) => {
    const rows = await queryRows<{
      id: string;
      title: string;
      certainty: "certain" | "probable";
      first_night: string;
      last_night: string;
      nights: number;
      provider_a: string;
      provider_b: string;
      status: "resolved" | "dismissed";
      resolved_at: Date | string | null;
    }>(
      tx.db,
      sql`select bc.id, l.title, bc.certainty, bc.first_night::text as first_night, bc.last_night::text as last_night, bc.nights, bc.provider_a, bc.provider_b,
            bc.status, coalesce(bc.resolved_at, bc.updated_at) as resolved_at
          from notification_events e
          join booking_conflicts bc on bc.id = split_part(e.dedupe_key, ':', 2)
          join listings l on l.id = bc.listing_id
          where e.type = 'conflict.detected' and bc.status <> 'open'
            and not exists (select 1 from notification_events r where r.dedupe_key = 'booking-conflict:' || bc.id || ':resolved')
          order by e.seq
          limit ${BATCH}
          for update of bc skip locked`,
    );
    for (const row of rows) {
      await publishNotificationEvent(tx, {
        dedupeKey: `booking-conflict:${row.id}:resolved`,
        type: "conflict.resolved",
        conflictId: row.id,
        data: conflictResolvedData(
          {
            id: row.id,
            listingTitle: row.title,
            certainty: row.certainty,
            firstNight: row.first_night,
            lastNight: row.last_night,
            nights: Number(row.nights),
            providers: [row.provider_a, row.provider_b],
            how: row.status === "dismissed" ? "dismissed" : "vanished",
            resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
          },
          appUrl,
        ),
      });
    }
    return rows.length;
  });
}
