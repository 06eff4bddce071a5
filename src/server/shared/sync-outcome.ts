import type { SyncErrorType } from "./sync-error-types";

/**
 * What the sync engine hands to the alerting policy, and nothing else: the one hand-off between sync and decide.
 * - failure: a feed failed, with its type and the HTTP facts;
 * - healthy: a feed synced (fresh, unchanged, or with a warning); confirmedEmpty when this sync confirmed that the
 *   feed, which had stays, is now empty; imported when it stored the feed's stays anew (they may now overlap another
 *   feed's), with the hours since its last success when it came after a run of failures;
 * - feed-removed: the host removed a feed (its stays with it); what is left of the listing may be healthy;
 * - feed-paused: the platform paused a feed: it neither syncs nor alerts, so what is left may be healthy.
 */
export type SyncOutcomeReport =
  | {
      kind: "failure";
      feed: { id: string; listingId: string; providerKey: string; label: string };
      /** The feed's consecutive failed syncs, this one included. */
      consecutiveFailures: number;
      errorType: SyncErrorType;
      message: string;
      httpStatus: number | null;
      /** The server's Retry-After, already capped at PROVIDER_MAX_RETRY_AFTER_SECONDS. */
      retryAfterSeconds?: number;
      occurredAt: Date;
    }
  | {
      kind: "healthy";
      listingId: string;
      feedId: string;
      /** What brought the feed back, if it is the host's new link (a sync run right after they saved it). */
      recoveredBy?: "host-link";
      confirmedEmpty?: { feedId: string; emptySince: Date };
      imported?: { at: Date; afterFailuresHours: number | null };
    }
  | { kind: "feed-removed"; listingId: string; feedId: string }
  | { kind: "feed-paused"; listingId: string; feedId: string };
