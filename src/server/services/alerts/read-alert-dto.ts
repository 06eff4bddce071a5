import type { SyncErrorType } from "../../shared/sync-error-types";
import { eq, sql, type SQL } from "drizzle-orm";
import { isEntityId } from "../../validation";
import { alias } from "drizzle-orm/pg-core";
import {
  calendarBlocks,
  calendarFeeds,
  calendarSyncAlerts,
  listings,
  providerIncidents,
  users,
  type AlertStatus,
  type CalendarSyncAlert,
} from "../../db/schema";
import type { Database } from "../../db/database";
import type { ServiceContext } from "../../service-context";
import { NotFoundError } from "../../errors";

export interface AlertDTO {
  id: string;
  listing: { id: string; title: string };
  errorType: SyncErrorType;
  errorMessage: string;
  failedAttempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
  status: AlertStatus;
  escalatedAt: string | null;
  /** « 3 échecs consécutifs sur le flux Airbnb »: why it escalated. */
  escalationReason: string | null;
  /** When the alert reached the threshold while a provider incident held its escalation back (null if never). */
  escalationHeldAt: string | null;
  /** When the host was last sent the plain-language notice (« Hôte prévenu le … »). */
  hostNotifiedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: { id: string; name: string } | null;
  resolvedAutomatically: boolean;
  resolutionNote: string | null;
  /** The support or admin user on it (« Je m'en occupe »), kept once resolved. */
  assignee: { id: string; name: string } | null;
  /** Snoozed until then (null: not snoozed by time). */
  snoozedUntil: string | null;
  /** Snoozed until its error changes. */
  snoozedUntilChange: boolean;
  /** The open provider incident that covers one of its failing feeds: the dashboard folds the alert under it. */
  incident: { id: string; providerKey: string } | null;
  /** Oldest last success among the listing's failing feeds; null if one never synced (or none is failing). */
  staleSince: string | null;
  /** Imported stays starting within the next 14 days: what a broken calendar puts at risk. */
  upcomingBookings: { count: number; firstStartsAt: string | null };
  createdAt: string;
  updatedAt: string;
}

const SUMMARY_FIELDS = [
  "id",
  "listing",
  "errorType",
  "failedAttempts",
  "lastFailedAt",
  "status",
  "staleSince",
  "upcomingBookings",
  "assignee",
  "snoozedUntil",
  "snoozedUntilChange",
  "incident",
] as const satisfies ReadonlyArray<keyof AlertDTO>;

/** What the dashboard's list shows of an alert: the rest is on its detail page (the dashboard weighed 140 KB). */
export type AlertSummaryDTO = Pick<AlertDTO, (typeof SUMMARY_FIELDS)[number]>;

export function toAlertSummary(alert: AlertDTO): AlertSummaryDTO {
  return Object.fromEntries(SUMMARY_FIELDS.map((field) => [field, alert[field]])) as AlertSummaryDTO;
}

export const RISK_WINDOW_DAYS = 14;

/** First imported stay of the alert's listing starting within the risk window (null if none). */
export const firstUpcomingBooking = sql<Date | null>`(select min(${calendarBlocks.startsAt}) from ${calendarBlocks}
  where ${calendarBlocks.listingId} = ${calendarSyncAlerts.listingId}
    and ${calendarBlocks.startsAt} >= now() and ${calendarBlocks.startsAt} < now() + make_interval(days => ${RISK_WINDOW_DAYS}))`.mapWith(
  calendarBlocks.startsAt,
);

export const upcomingBookingCount = sql<number>`(select count(*)::int from ${calendarBlocks}
  where ${calendarBlocks.listingId} = ${calendarSyncAlerts.listingId}
    and ${calendarBlocks.startsAt} >= now() and ${calendarBlocks.startsAt} < now() + make_interval(days => ${RISK_WINDOW_DAYS}))`.mapWith(
  Number,
);

export const staleSince =
  sql<Date | null>`(select case when bool_or(${calendarFeeds.lastSuccessAt} is null) then null else min(${calendarFeeds.lastSuccessAt}) end
  from ${calendarFeeds} where ${calendarFeeds.listingId} = ${calendarSyncAlerts.listingId} and ${calendarFeeds.consecutiveFailures} > 0)`.mapWith(
    calendarFeeds.lastSuccessAt,
  );

/** The open incident covering a failing feed of the alert's listing (an open alert only), as "id provider_key". */
export const coveringIncident = sql<string | null>`(case when ${calendarSyncAlerts.status} <> 'resolved' then (
  select i.id || ' ' || i.provider_key from ${providerIncidents} i join ${calendarFeeds} f on f.provider_key = i.provider_key
  where f.listing_id = ${calendarSyncAlerts.listingId} and f.consecutive_failures > 0 and i.status = 'open' order by i.opened_at limit 1) end)`;

const resolver = alias(users, "resolver");
const assignee = alias(users, "assignee");

/**
 * The alert with what its DTO needs (listing title, resolver name); add where/order/limit with $dynamic(). `extra`
 * adds columns to every row (the alert list's counts, computed once by PostgreSQL and repeated on each row).
 */
export function selectAlertRows<E extends Record<string, SQL>>(db: Database, extra: E = {} as E) {
  return db
    .select({
      ...extra,
      alert: calendarSyncAlerts,
      listingTitle: listings.title,
      // A key's resolution (the integration API) names the key: « clé API Plateforme ».
      // Looked up only for the few alerts a key resolved: not once per row of every dashboard render.
      resolverName: sql<string | null>`case when ${calendarSyncAlerts.resolvedByApiKeyId} is null then ${resolver.name}
        else (select 'clé API ' || k.name from api_keys k where k.id = ${calendarSyncAlerts.resolvedByApiKeyId}) end`,
      assigneeName: assignee.name,
      staleSince,
      upcomingCount: upcomingBookingCount,
      firstUpcoming: firstUpcomingBooking,
      incident: coveringIncident,
    })
    .from(calendarSyncAlerts)
    .innerJoin(listings, eq(listings.id, calendarSyncAlerts.listingId))
    .leftJoin(resolver, eq(resolver.id, calendarSyncAlerts.resolvedBy))
    .leftJoin(assignee, eq(assignee.id, calendarSyncAlerts.assigneeId))
    .$dynamic();
}

export type AlertRow = {
  alert: CalendarSyncAlert;
  listingTitle: string;
  resolverName: string | null;
  assigneeName: string | null;
  staleSince: Date | null;
  upcomingCount: number;
  firstUpcoming: Date | null;
  incident: string | null;
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toAlertDto({
  alert,
  listingTitle,
  resolverName,
  assigneeName,
  staleSince,
  upcomingCount,
  firstUpcoming,
  incident,
}: AlertRow): AlertDTO {
  const incidentSplit = incident ? incident.indexOf(" ") : -1;
  return {
    id: alert.id,
    listing: { id: alert.listingId, title: listingTitle },
    errorType: alert.errorType,
    errorMessage: alert.errorMessage,
    failedAttempts: alert.failedAttempts,
    firstFailedAt: alert.firstFailedAt.toISOString(),
    lastFailedAt: alert.lastFailedAt.toISOString(),
    status: alert.status,
    escalatedAt: iso(alert.escalatedAt),
    escalationReason: alert.escalationReason,
    escalationHeldAt: iso(alert.escalationHeldAt),
    hostNotifiedAt: iso(alert.hostNotifiedAt),
    resolvedAt: iso(alert.resolvedAt),
    resolvedBy: alert.resolvedBy
      ? { id: alert.resolvedBy, name: resolverName ?? "Utilisateur supprimé" }
      : alert.resolvedByApiKeyId
        ? { id: alert.resolvedByApiKeyId, name: resolverName ?? "clé API supprimée" }
        : null,
    resolvedAutomatically: alert.resolvedAutomatically,
    resolutionNote: alert.resolutionNote,
    assignee: alert.assigneeId ? { id: alert.assigneeId, name: assigneeName ?? "Utilisateur supprimé" } : null,
    snoozedUntil: iso(alert.snoozedUntil),
    snoozedUntilChange: alert.snoozedUntilChange,
    incident:
      incident && incidentSplit > 0
        ? { id: incident.slice(0, incidentSplit), providerKey: incident.slice(incidentSplit + 1) }
        : null,
    staleSince: iso(staleSince),
    upcomingBookings: { count: upcomingCount ?? 0, firstStartsAt: iso(firstUpcoming) },
    createdAt: alert.createdAt.toISOString(),
    updatedAt: alert.updatedAt.toISOString(),
  };
}

export async function getAlertDtoOrThrow(ctx: ServiceContext, alertId: string): Promise<AlertDTO> {
  if (!isEntityId(alertId)) throw new NotFoundError("Alerte", alertId);
  const [row] = await selectAlertRows(ctx.db).where(eq(calendarSyncAlerts.id, alertId)).limit(1);
  if (!row) throw new NotFoundError("Alerte", alertId);
  return toAlertDto(row);
}
