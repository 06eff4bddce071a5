import { calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";

const TIME_COLUMNS = [
  "firstFailedAt",
  "lastFailedAt",
  "escalatedAt",
  "escalationHeldAt",
  "hostNotifiedAt",
  "resolvedAt",
  "snoozedUntil",
  "secondLevelAt",
  "createdAt",
  "updatedAt",
] as const;

/**
 * An alert row from a hand-written statement (selectList's names): inside a transaction drizzle's execute leaves
 * times as text, so each is read back with its schema column's own mapping, as drizzle's query builder would.
 */
export function readAlertRow(row: Record<string, unknown>): CalendarSyncAlert {
  const alert = { ...row };
  for (const column of TIME_COLUMNS) {
    const value = alert[column];
    if (typeof value === "string") alert[column] = calendarSyncAlerts[column].mapFromDriverValue(value);
  }
  return alert as CalendarSyncAlert;
}
