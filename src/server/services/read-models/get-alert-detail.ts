import type { SyncErrorType } from "../../shared/sync-error-types";
import { and, asc, desc, eq } from "drizzle-orm";
import { alertFailures, bookingConflicts, calendarFeeds, calendarSyncRuns } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { toFeedDto, type CalendarFeedDTO } from "../calendar/feeds/feed-dto";
import { toSyncRunDto, type SyncRunDTO } from "../calendar/sync/run-dto";
import { getAlertDtoOrThrow, type AlertDTO } from "../alerts/alert-dto";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";

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

export type AlertDetailDTO = AlertDTO & { failures: AlertFailureDTO[]; feeds: CalendarFeedDTO[]; recentRuns: SyncRunDTO[]; conflicts: ListingConflictLinkDTO[] };

const TIMELINE_LIMIT = 200;
const RUNS_LIMIT = 20;

/** The alert, its timeline of failed attempts (newest first), the listing's feeds (masked) and last sync runs. */
export async function getAlertDetail(ctx: ServiceContext, alertId: string): Promise<AlertDetailDTO> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const { db } = ctx;
  const alert = await getAlertDtoOrThrow(ctx, alertId);
  const [failures, feeds, runs, conflicts] = await Promise.all([
    db
      .select()
      .from(alertFailures)
      .where(eq(alertFailures.alertId, alertId))
      .orderBy(desc(alertFailures.occurredAt), desc(alertFailures.id))
      .limit(TIMELINE_LIMIT),
    db.select().from(calendarFeeds).where(eq(calendarFeeds.listingId, alert.listing.id)).orderBy(asc(calendarFeeds.createdAt)),
    db
      .select()
      .from(calendarSyncRuns)
      .where(eq(calendarSyncRuns.listingId, alert.listing.id))
      .orderBy(desc(calendarSyncRuns.startedAt), desc(calendarSyncRuns.id))
      .limit(RUNS_LIMIT),
    db
      .select({ id: bookingConflicts.id, certainty: bookingConflicts.certainty, firstNight: bookingConflicts.firstNight, nights: bookingConflicts.nights })
      .from(bookingConflicts)
      .where(and(eq(bookingConflicts.listingId, alert.listing.id), eq(bookingConflicts.status, "open")))
      .orderBy(asc(bookingConflicts.firstNight))
      .limit(20),
  ]);
  return {
    ...alert,
    failures: failures.map((failure) => ({
      id: failure.id,
      feedId: failure.feedId,
      errorType: failure.errorType,
      errorMessage: failure.errorMessage,
      occurredAt: failure.occurredAt.toISOString(),
    })),
    feeds: feeds.map(toFeedDto),
    recentRuns: runs.map(toSyncRunDto),
    conflicts,
  };
}
