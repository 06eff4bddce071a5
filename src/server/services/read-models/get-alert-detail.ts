import type { SyncErrorType } from "../../shared/sync-error-types";
import { and, asc, desc, eq } from "drizzle-orm";
import {
  alertEvents,
  alertFailures,
  bookingConflicts,
  calendarFeeds,
  calendarSyncRuns,
  exportLinks,
  exportReads,
  users,
  type AlertEventKind,
} from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { toFeedDto, type CalendarFeedDTO } from "../calendar/calendar.service";
import { toSyncRunDto, type SyncRunDTO } from "../calendar/calendar.service";
import { getAlertDtoOrThrow, type AlertDTO } from "../alerts/alerts.service";
import { authorizeViewer, localeOf } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { destinationInWords, EXPORT_DESTINATION_CODES } from "../../shared/export-destinations";
import { exportReaderLabel } from "../../shared/export-readers";

export interface AlertFailureDTO {
  id: number;
  feedId: string | null;
  errorType: SyncErrorType;
  errorMessage: string;
  occurredAt: string;
}

/** An open double booking of the alert's listing: what a stale calendar may have let happen. */
export interface ListingConflictLinkDTO {
  id: string;
  certainty: "certain" | "probable";
  firstNight: string;
  nights: number;
}

/** What support did on the alert: notes, owner changes, snoozes and wake-ups, the second level. */
export interface AlertEventDTO {
  id: number;
  kind: AlertEventKind;
  /** Null for the worker. */
  actor: { id: string; name: string } | null;
  text: string | null;
  data: Record<string, unknown> | null;
  occurredAt: string;
}

/** An export link of the alert's listing as support sees it: where it goes, its state, never the link itself. */
export interface AlertExportLinkDTO {
  id: string;
  destination: string;
  destinationLabel: string;
  lastReadAt: string | null;
  lastReaderLabel: string | null;
  staleSince: string | null;
  /** « jamais lu »: no read a day after its creation. */
  neverRead: boolean;
}

/** One recorded read of the listing's export links (a minute apart at most per link). */
export interface ExportReadDTO {
  id: number;
  destinationLabel: string;
  at: string;
  status: number;
  readerLabel: string;
  clientNetwork: string | null;
  previousToken: boolean;
}

export type AlertDetailDTO = AlertDTO & {
  failures: AlertFailureDTO[];
  events: AlertEventDTO[];
  feeds: CalendarFeedDTO[];
  recentRuns: SyncRunDTO[];
  conflicts: ListingConflictLinkDTO[];
  exportLinks: AlertExportLinkDTO[];
  exportReads: ExportReadDTO[];
};

const TIMELINE_LIMIT = 200;
const RUNS_LIMIT = 20;
const READS_LIMIT = 50;
const NEVER_READ_AFTER_MS = 24 * 3_600_000;

/** The alert, its timeline of failed attempts and of what support did (newest first), the listing's feeds (masked) and last sync runs. */
export async function getAlertDetail(ctx: ServiceContext, alertId: string): Promise<AlertDetailDTO> {
  const locale = localeOf(authorizeViewer(ctx.actor, BACK_OFFICE_ROLES));
  const { db } = ctx;
  const alert = await getAlertDtoOrThrow(ctx, alertId);
  const [failures, events, feeds, runs, conflicts, links, reads] = await Promise.all([
    db
      .select()
      .from(alertFailures)
      .where(eq(alertFailures.alertId, alertId))
      .orderBy(desc(alertFailures.occurredAt), desc(alertFailures.id))
      .limit(TIMELINE_LIMIT),
    db
      .select({ event: alertEvents, actorName: users.name })
      .from(alertEvents)
      .leftJoin(users, eq(users.id, alertEvents.actorId))
      .where(eq(alertEvents.alertId, alertId))
      .orderBy(desc(alertEvents.occurredAt), desc(alertEvents.id))
      .limit(TIMELINE_LIMIT),
    db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.listingId, alert.listing.id))
      .orderBy(asc(calendarFeeds.createdAt)),
    db
      .select()
      .from(calendarSyncRuns)
      .where(eq(calendarSyncRuns.listingId, alert.listing.id))
      .orderBy(desc(calendarSyncRuns.startedAt), desc(calendarSyncRuns.id))
      .limit(RUNS_LIMIT),
    db
      .select({
        id: bookingConflicts.id,
        certainty: bookingConflicts.certainty,
        firstNight: bookingConflicts.firstNight,
        nights: bookingConflicts.nights,
      })
      .from(bookingConflicts)
      .where(and(eq(bookingConflicts.listingId, alert.listing.id), eq(bookingConflicts.status, "open")))
      .orderBy(asc(bookingConflicts.firstNight))
      .limit(20),
    db.select().from(exportLinks).where(eq(exportLinks.listingId, alert.listing.id)),
    db
      .select({ read: exportReads, destination: exportLinks.destination })
      .from(exportReads)
      .innerJoin(exportLinks, eq(exportLinks.id, exportReads.linkId))
      .where(eq(exportReads.listingId, alert.listing.id))
      .orderBy(desc(exportReads.at), desc(exportReads.id))
      .limit(READS_LIMIT),
  ]);
  const now = Date.now();
  return {
    ...alert,
    failures: failures.map((failure) => ({
      id: failure.id,
      feedId: failure.feedId,
      errorType: failure.errorType,
      errorMessage: failure.errorMessage,
      occurredAt: failure.occurredAt.toISOString(),
    })),
    events: events.map(({ event, actorName }) => ({
      id: event.id,
      kind: event.kind,
      actor: event.actorId ? { id: event.actorId, name: actorName ?? "Utilisateur supprimé" } : null,
      text: event.text,
      data: event.data ?? null,
      occurredAt: event.occurredAt.toISOString(),
    })),
    feeds: feeds.map((feed) => toFeedDto(feed, locale)),
    recentRuns: runs.map((run) => toSyncRunDto(run, locale)),
    conflicts,
    exportLinks: links
      .sort((a, b) => EXPORT_DESTINATION_CODES.indexOf(a.destination) - EXPORT_DESTINATION_CODES.indexOf(b.destination))
      .map((link) => ({
        id: link.id,
        destination: link.destination,
        destinationLabel: destinationInWords(link.destination, locale).label,
        lastReadAt: link.lastReadAt?.toISOString() ?? null,
        lastReaderLabel: link.lastReadAt ? exportReaderLabel(link.lastReader, locale) : null,
        staleSince: link.staleSince?.toISOString() ?? null,
        neverRead: link.lastReadAt === null && now - link.createdAt.getTime() >= NEVER_READ_AFTER_MS,
      })),
    exportReads: reads.map(({ read, destination }) => ({
      id: read.id,
      destinationLabel: destinationInWords(destination, locale).label,
      at: read.at.toISOString(),
      status: read.status,
      readerLabel: exportReaderLabel(read.reader, locale),
      clientNetwork: read.clientNetwork,
      previousToken: read.previousToken,
    })),
  };
}
