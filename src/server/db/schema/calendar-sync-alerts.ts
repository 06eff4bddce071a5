import type { SyncErrorType } from "../../shared/sync-error-types";
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn as at, timestamps } from "./columns";
import { listings } from "./listings";
import { users } from "./users";
import { apiKeys } from "./api-keys";

export const ALERT_STATUSES = ["active", "escalated", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const alertStatus = pgEnum("alert_status", ALERT_STATUSES);

export const calendarSyncAlerts = pgTable(
  "calendar_sync_alerts",
  {
    id: idColumn(),
    listingId: text("listing_id")
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    errorType: text("error_type").$type<SyncErrorType>().notNull(),
    errorMessage: text("error_message").notNull(),
    failedAttempts: integer("failed_attempts").notNull().default(1),
    firstFailedAt: at("first_failed_at").notNull(),
    lastFailedAt: at("last_failed_at").notNull(),
    status: alertStatus("status").notNull().default("active"),
    escalatedAt: at("escalated_at"),
    /** Why it escalated, in French for support: « 3 échecs consécutifs sur le flux Airbnb ». */
    escalationReason: text("escalation_reason"),
    /** The failed_attempts value of the failure that escalated it: how the one-statement ingest tells that failure apart. */
    escalatedAtAttempt: integer("escalated_at_attempt"),
    /** Set when the alert reached the threshold while a provider incident covered its feed: no escalation, no e-mail. */
    escalationHeldAt: at("escalation_held_at"),
    /** When the listing's owner was last sent the plain-language notice about this alert (null: never). */
    hostNotifiedAt: at("host_notified_at"),
    resolvedAt: at("resolved_at"),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
    /** Resolved by a platform's key (PATCH /api/v1/alerts/{id}/resolve, a listing withdrawn): the key, never a user. */
    resolvedByApiKeyId: text("resolved_by_api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    resolutionNote: text("resolution_note"),
    resolvedAutomatically: boolean("resolved_automatically").notNull().default(false),
    /** The support or admin user on it (« Je m'en occupe »); kept when the alert resolves. */
    assigneeId: text("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** Snoozed until then (« Mettre en pause »): off the dashboard, no e-mail, woken by the worker. */
    snoozedUntil: at("snoozed_until"),
    /** Snoozed until the error changes: another error type, or the threshold reached (then it escalates). */
    snoozedUntilChange: boolean("snoozed_until_change").notNull().default(false),
    /** The error type when it was snoozed until a change. */
    snoozedErrorType: text("snoozed_error_type").$type<SyncErrorType>(),
    /** When the second level was told nobody owns it (ESCALATION_SECOND_LEVEL_EMAIL); null: not yet. */
    secondLevelAt: at("second_level_at"),
    ...timestamps,
  },
  (t) => [
    // The database, not the code, guarantees one open alert per listing: concurrent failures upsert onto it.
    uniqueIndex("calendar_sync_alerts_one_open_per_listing")
      .on(t.listingId)
      .where(sql`${t.status} <> 'resolved'`),
    // Open alerts, most attempts first (dashboard and default list; scanned backwards for the descending order).
    index("calendar_sync_alerts_open_by_attempts_idx")
      .on(t.failedAttempts, t.lastFailedAt, t.id)
      .where(sql`${t.status} <> 'resolved'`),
    // History, newest first, all statuses or one.
    index("calendar_sync_alerts_history_idx").on(t.lastFailedAt, t.id),
    index("calendar_sync_alerts_status_history_idx").on(t.status, t.lastFailedAt, t.id),
    index("calendar_sync_alerts_listing_history_idx").on(t.listingId, t.lastFailedAt, t.id),
    // « Mes alertes », « Non assignées »: open alerts by owner.
    index("calendar_sync_alerts_open_assignee_idx")
      .on(t.assigneeId)
      .where(sql`${t.status} <> 'resolved'`),
    // The worker's wake-up: snoozed open alerts, soonest first.
    index("calendar_sync_alerts_snoozed_idx")
      .on(t.snoozedUntil)
      .where(sql`${t.status} <> 'resolved' and ${t.snoozedUntil} is not null`),
    // Retention: resolved alerts, oldest resolution first.
    index("calendar_sync_alerts_resolved_at_idx")
      .on(t.resolvedAt)
      .where(sql`${t.status} = 'resolved'`),
  ],
);

export type CalendarSyncAlert = typeof calendarSyncAlerts.$inferSelect;
