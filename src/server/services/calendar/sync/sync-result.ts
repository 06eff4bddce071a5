import type { CalendarSyncRun, SyncOutcome } from "../../../db/schema";
import type { SyncErrorType } from "../../../shared/sync-error-types";
import type { ClaimedFeed } from "./feed-lease";

export interface SyncFeedResult {
  feedId: string;
  listingId: string;
  outcome: SyncOutcome;
  errorType: SyncErrorType | null;
  run: CalendarSyncRun;
}

/** When the sync started and ended (the fetch and the read between them). */
export type SyncTimes = { startedAt: Date; finishedAt: Date };

/** The caller still gets the run an unchanged sync does not store. */
export function unchangedResult(
  feed: ClaimedFeed,
  startedAt: Date,
  finishedAt: Date,
  httpStatus: number,
  eventCount: number | null,
): SyncFeedResult {
  const run: CalendarSyncRun = {
    id: 0,
    feedId: feed.id,
    listingId: feed.listingId,
    startedAt,
    finishedAt,
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    outcome: "unchanged",
    errorType: null,
    errorMessage: null,
    httpStatus,
    eventCount,
    skippedCount: 0,
  };
  return { feedId: feed.id, listingId: feed.listingId, outcome: "unchanged", errorType: null, run };
}
