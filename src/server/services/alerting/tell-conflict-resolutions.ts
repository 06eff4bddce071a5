import { sql } from "drizzle-orm";
import { getConfig } from "../../config";
import { queryRows } from "../../db/query-rows";
import { inTransaction, type ServiceContext } from "../../service-context";
import { sendConflictResolvedEmails } from "../notifications/notifications.service";
import { LISTING_WITHDRAWN_RESOLUTION } from "../conflicts/conflicts.service";
import { conflictFactsColumns, conflictFactsOf, type ConflictFactsRow } from "./conflict-facts-row";

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
    const rows = await queryRows<
      ConflictFactsRow & {
        status: "resolved" | "dismissed";
        resolution: string | null;
        resolved_at: Date | string | null;
      }
    >(
      tx.db,
      sql`select ${sql.raw(conflictFactsColumns)}, c.status, c.resolution, coalesce(c.resolved_at, c.updated_at) as resolved_at
          from notification_events e
          join booking_conflicts c on c.id = split_part(e.dedupe_key, ':', 2)
          join listings l on l.id = c.listing_id
          join users u on u.id = l.owner_id
          where e.type = 'conflict.detected' and c.status <> 'open'
            and not exists (select 1 from notification_events r where r.dedupe_key = 'booking-conflict:' || c.id || ':resolved')
          order by e.seq
          limit ${BATCH}
          for update of c skip locked`,
    );
    for (const row of rows) {
      const how =
        row.status === "dismissed"
          ? "dismissed"
          : row.resolution === LISTING_WITHDRAWN_RESOLUTION
            ? "withdrawn"
            : "vanished";
      const resolvedAt = row.resolved_at ? new Date(row.resolved_at).toISOString() : null;
      await sendConflictResolvedEmails(tx, { facts: conflictFactsOf(row), hostEmail: row.host_email, how, resolvedAt });
    }
    return rows.length;
  });
}
