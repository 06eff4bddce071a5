import { DEFAULT_LOCALE, type Locale } from "../../../../i18n/locales";
import type { CalendarFeed } from "../../../db/schema";
import { describeSyncErrorType } from "../../../shared/sync-error-types";
import { maskFeedUrl } from "../../../shared/mask-url";

export interface CalendarFeedDTO {
  id: string;
  listingId: string;
  provider: string;
  /** Masked: the URL's token is never returned. */
  url: string;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastOutcome: string | null;
  lastError: { type: string; label: string; message: string | null } | null;
  consecutiveFailures: number;
  eventCount: number | null;
  nextSyncAt: string;
  /** « En pause »: neither synced nor alerting (paused by the platform, or its listing withdrawn). */
  paused: boolean;
  createdAt: string;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toFeedDto(feed: CalendarFeed, locale: Locale = DEFAULT_LOCALE): CalendarFeedDTO {
  return {
    id: feed.id,
    listingId: feed.listingId,
    provider: feed.provider,
    // Masked again on read: rows masked under an older, looser rule must not show their token.
    url: maskFeedUrl(feed.urlMasked),
    lastAttemptAt: iso(feed.lastAttemptAt),
    lastSuccessAt: iso(feed.lastSuccessAt),
    lastOutcome: feed.lastOutcome,
    lastError: feed.lastErrorType
      ? {
          type: feed.lastErrorType,
          label: describeSyncErrorType(feed.lastErrorType, locale).label,
          message: feed.lastErrorMessage,
        }
      : null,
    consecutiveFailures: feed.consecutiveFailures,
    eventCount: feed.eventCount,
    nextSyncAt: feed.nextSyncAt.toISOString(),
    paused: feed.pausedAt !== null,
    createdAt: feed.createdAt.toISOString(),
  };
}
