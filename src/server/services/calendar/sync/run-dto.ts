import { DEFAULT_LOCALE, type Locale } from "../../../../i18n/locales";
import type { CalendarSyncRun } from "../../../db/schema";
import { describeSyncErrorType } from "../../../shared/sync-error-types";

export interface SyncRunDTO {
  id: number;
  feedId: string;
  listingId: string;
  startedAt: string;
  finishedAt: string;
  outcome: string;
  error: { type: string; label: string; message: string | null } | null;
  httpStatus: number | null;
  durationMs: number;
  eventCount: number | null;
  skippedCount: number | null;
}

export function toSyncRunDto(run: CalendarSyncRun, locale: Locale = DEFAULT_LOCALE): SyncRunDTO {
  return {
    id: run.id,
    feedId: run.feedId,
    listingId: run.listingId,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    outcome: run.outcome,
    error: run.errorType
      ? { type: run.errorType, label: describeSyncErrorType(run.errorType, locale).label, message: run.errorMessage }
      : null,
    httpStatus: run.httpStatus,
    durationMs: run.durationMs,
    eventCount: run.eventCount,
    skippedCount: run.skippedCount,
  };
}
