import { sql } from "drizzle-orm";
import { alertEvents, calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";
import type { TransactionContext } from "../../service-context";
import { queryRows } from "../../db/query-rows";
import { selectList } from "../../db/select-list";
import { readAlertRow } from "./read-alert-row";
import { snoozedSql } from "./snoozed-sql";

const ALERT_COLUMNS = selectList(calendarSyncAlerts, { alias: "a" });

/**
 * Escalated alerts nobody took within `afterMinutes` of their escalation, each claimed once (second_level_at set,
 * SKIP LOCKED against the other workers) with a « second_level » event, in the caller's transaction. Left out: a
 * snoozed alert, and one whose listing has a failing feed under an open provider incident (the incident is being
 * handled as one). Returns the claimed alerts with their listing's title.
 */
export async function claimUnownedEscalations(
  tx: TransactionContext,
  input: { now: Date; afterMinutes: number; limit: number },
): Promise<Array<{ alert: CalendarSyncAlert; listingTitle: string }>> {
  const { now, afterMinutes, limit } = input;
  const rows = await queryRows<Record<string, unknown>>(
    tx.db,
    sql`with due as (
      select a.id from calendar_sync_alerts a
      where a.status = 'escalated' and a.assignee_id is null and a.second_level_at is null
        and a.escalated_at <= ${now}::timestamptz - make_interval(mins => ${afterMinutes}::int)
        and not ${snoozedSql("a", sql`${now}::timestamptz`)}
        and not exists (select 1 from calendar_feeds f join provider_incidents i on i.provider_key = f.provider_key and i.status = 'open'
                        where f.listing_id = a.listing_id and f.consecutive_failures > 0)
      order by a.escalated_at
      limit ${limit}
      for update of a skip locked
    )
    update calendar_sync_alerts a set second_level_at = ${now}::timestamptz
    from due, listings l
    where a.id = due.id and l.id = a.listing_id
    returning ${sql.raw(ALERT_COLUMNS)}, l.title as "listingTitle"`,
  );
  const claimed = rows.map(({ listingTitle, ...alert }) => ({
    alert: readAlertRow(alert),
    listingTitle: String(listingTitle),
  }));
  if (claimed.length > 0) {
    await tx.db.insert(alertEvents).values(
      claimed.map(({ alert }) => ({
        alertId: alert.id,
        kind: "second_level" as const,
        data: { afterMinutes },
        occurredAt: now,
      })),
    );
  }
  return claimed;
}
