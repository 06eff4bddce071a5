import { bigserial, index, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { timestampColumn } from "./columns";
import { calendarSyncAlerts } from "./calendar-sync-alerts";
import { users } from "./users";

/** What support did on an alert, beside its failures: the rest of its timeline. */
export const ALERT_EVENT_KINDS = [
  "note",
  "assigned",
  "unassigned",
  "snoozed",
  "unsnoozed",
  "woke",
  "second_level",
] as const;
export type AlertEventKind = (typeof ALERT_EVENT_KINDS)[number];
export const alertEventKind = pgEnum("alert_event_kind", ALERT_EVENT_KINDS);

export const alertEvents = pgTable(
  "alert_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    alertId: text("alert_id")
      .notNull()
      .references(() => calendarSyncAlerts.id, { onDelete: "cascade" }),
    kind: alertEventKind("kind").notNull(),
    /** Who did it; null for the worker (a wake-up, the second level). */
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** A note's text (stored as typed, rendered escaped). */
    text: text("text"),
    /** The assignee, the snooze's end… */
    data: jsonb("data").$type<Record<string, unknown>>(),
    occurredAt: timestampColumn("occurred_at").notNull().defaultNow(),
  },
  (t) => [index("alert_events_alert_idx").on(t.alertId, t.occurredAt, t.id)],
);

export type AlertEvent = typeof alertEvents.$inferSelect;
