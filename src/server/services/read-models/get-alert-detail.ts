import type { SyncErrorType } from "../../shared/sync-error-types";
import { asc, desc, eq } from "drizzle-orm";
import { alertFailures, calendarFeeds, calendarSyncRuns } from "../../db/schema";
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

export type AlertDetailDTO = AlertDTO & { failures: AlertFailureDTO[]; feeds: CalendarFeedDTO[]; recentRuns: SyncRunDTO[] };

const TIMELINE_LIMIT = 200;
const RUNS_LIMIT = 20;

/** The alert, its timeline of failed attempts (newest first), the listing's feeds (masked) and last sync runs. */
export async function getAlertDetail(ctx: ServiceContext, alertId: string): Promise<AlertDetailDTO> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const { db } = ctx;
  const alert = await getAlertDtoOrThrow(ctx, alertId);
  const [failures, feeds, runs] = await Promise.all([
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
  };
}
