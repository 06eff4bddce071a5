import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { calendarSyncAlerts, listings, users, type AlertStatus, type CalendarSyncAlert } from "../../../db/schema";
import type { Database } from "../../../db/database";
import { NotFoundError } from "../../../errors";

export interface AlertDTO {
  id: string;
  listing: { id: string; title: string };
  errorType: string;
  errorMessage: string;
  failedAttempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
  status: AlertStatus;
  escalatedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: { id: string; name: string } | null;
  resolvedAutomatically: boolean;
  resolutionNote: string | null;
  createdAt: string;
  updatedAt: string;
}

const resolver = alias(users, "resolver");

/** The alert with what its DTO needs (listing title, resolver name); add where/order/limit with $dynamic(). */
export function selectAlertRows(db: Database) {
  return db
    .select({ alert: calendarSyncAlerts, listingTitle: listings.title, resolverName: resolver.name })
    .from(calendarSyncAlerts)
    .innerJoin(listings, eq(listings.id, calendarSyncAlerts.listingId))
    .leftJoin(resolver, eq(resolver.id, calendarSyncAlerts.resolvedBy))
    .$dynamic();
}

export type AlertRow = { alert: CalendarSyncAlert; listingTitle: string; resolverName: string | null };

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toAlertDto({ alert, listingTitle, resolverName }: AlertRow): AlertDTO {
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
    resolvedAt: iso(alert.resolvedAt),
    resolvedBy: alert.resolvedBy ? { id: alert.resolvedBy, name: resolverName ?? "Utilisateur supprimé" } : null,
    resolvedAutomatically: alert.resolvedAutomatically,
    resolutionNote: alert.resolutionNote,
    createdAt: alert.createdAt.toISOString(),
    updatedAt: alert.updatedAt.toISOString(),
  };
}

export async function getAlertDtoOrThrow(db: Database, alertId: string): Promise<AlertDTO> {
  const [row] = await selectAlertRows(db).where(eq(calendarSyncAlerts.id, alertId)).limit(1);
  if (!row) throw new NotFoundError("Alerte", alertId);
  return toAlertDto(row);
}
