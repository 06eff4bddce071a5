import { sql } from "drizzle-orm";
import { getConfig } from "../../config";
import { queryRows } from "../../db/query-rows";
import { inTransaction, type ServiceContext } from "../../service-context";
import { sendConflictResolvedEmails } from "../notifications/notifications.service";

const BATCH = 100;

/**
 * A told conflict (its `conflict.detected` and e-mails left at its second look) that is now resolved (its overlap
 * vanished at a sync) or dismissed by support: « [Résolu] » to support and the host in their threads, and
 * `conflict.resolved` for the channels. The detection statement and the dismissal belong to the conflict store, which
 * calls no notifier; the worker runs this within seconds instead, and the dedupe keys make it once per conflict
 * however many workers run it. Returns how many conflicts it told.
 */
export async function tellConflictResolutions(ctx: ServiceContext): Promise<number> {
  if (!getConfig().conflicts.enabled) return 0;
  return inTransaction(ctx, async (tx) => {
    const rows = await queryRows<{
      id: string;
      title: string;
      host_name: string;
      host_email: string;
      arrived_after_hours: number | null;
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
      sql`select bc.id, l.title, u.name as host_name, u.email as host_email, bc.arrived_after_hours, bc.certainty, bc.first_night::text as first_night, bc.last_night::text as last_night, bc.nights, bc.provider_a, bc.provider_b,
            bc.status, coalesce(bc.resolved_at, bc.updated_at) as resolved_at
          from notification_events e
          join booking_conflicts bc on bc.id = split_part(e.dedupe_key, ':', 2)
          join listings l on l.id = bc.listing_id
          join users u on u.id = l.owner_id
          where e.type = 'conflict.detected' and bc.status <> 'open'
            and not exists (select 1 from notification_events r where r.dedupe_key = 'booking-conflict:' || bc.id || ':resolved')
          order by e.seq
          limit ${BATCH}
          for update of bc skip locked`,
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
      const how = row.status === "dismissed" ? "dismissed" : "vanished";
      const resolvedAt = row.resolved_at ? new Date(row.resolved_at).toISOString() : null;
      await sendConflictResolvedEmails(tx, { facts, hostEmail: row.host_email, how, resolvedAt });
    }
    return rows.length;
  });
}
