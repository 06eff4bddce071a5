import { sql } from "drizzle-orm";
import { alertEvents, calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";
import type { TransactionContext } from "../../service-context";
import { queryRows } from "../../db/query-rows";
import { selectList } from "../../db/select-list";
import { textList } from "../../db/text-list";
import { readAlertRow } from "./read-alert-row";

const ALERT_COLUMNS = selectList(calendarSyncAlerts, { alias: "a" });

/**
 * Marks these escalated alerts told to the second level, each once: the update takes only an alert still escalated,
 * unowned and not yet told when its row is locked, so of two workers claiming it one wins. A « second_level » event
 * goes on each claimed alert's timeline, in the caller's transaction. Returns the claimed alerts.
 */
export async function claimUnownedEscalations(
  tx: TransactionContext,
  input: { alertIds: string[]; now: Date; afterMinutes: number },
): Promise<CalendarSyncAlert[]> {
  const { alertIds, now, afterMinutes } = input;
  if (alertIds.length === 0) return [];
  const rows = await queryRows<Record<string, unknown>>(
    tx.db,
    sql`update calendar_sync_alerts a set second_level_at = ${now}::timestamptz
      where a.id = any(${textList(alertIds)}) and a.status = 'escalated' and a.assignee_id is null and a.second_level_at is null
      returning ${sql.raw(ALERT_COLUMNS)}`,
  );
  const claimed = rows.map(readAlertRow);
  if (claimed.length > 0) {
    await tx.db.insert(alertEvents).values(
      claimed.map((alert) => ({
        alertId: alert.id,
        kind: "second_level" as const,
        data: { afterMinutes },
        occurredAt: now,
      })),
    );
  }
  return claimed;
}
