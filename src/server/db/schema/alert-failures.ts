import type { SyncErrorType } from "../../shared/sync-error-types";
import { bigserial, index, pgTable, text } from "drizzle-orm/pg-core";
import { timestampColumn } from "./columns";
import { calendarSyncAlerts } from "./calendar-sync-alerts";
import { calendarFeeds } from "./calendar-feeds";

/** One row per failed sync attempt counted by an alert: the timeline of its detail view. */
export const alertFailures = pgTable(
  "alert_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    alertId: text("alert_id")
      .notNull()
      .references(() => calendarSyncAlerts.id, { onDelete: "cascade" }),
    feedId: text("feed_id").references(() => calendarFeeds.id, { onDelete: "set null" }),
    errorType: text("error_type").$type<SyncErrorType>().notNull(),
    errorMessage: text("error_message").notNull(),
    occurredAt: timestampColumn("occurred_at").notNull(),
  },
  (t) => [
    index("alert_failures_alert_idx").on(t.alertId, t.occurredAt),
    index("alert_failures_occurred_at_idx").on(t.occurredAt),
  ],
);

export type AlertFailure = typeof alertFailures.$inferSelect;
