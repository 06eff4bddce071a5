import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import {
  calendarBlocks,
  calendarFeeds,
  calendarSyncRuns,
  listings,
  type CalendarFeed,
  type CalendarSyncRun,
  type SyncOutcome,
} from "../../../db/schema";
import type { Transaction } from "../../../db/database";
import { getConfig } from "../../../config";
import { logger } from "../../../logger";
import { ConflictError, NotFoundError } from "../../../errors";
import { isEntityId } from "../../../validation";
import { afterSyncCommitted, recordSyncOutcome } from "../../alerting/record-sync-outcome";
import type { SyncOutcomeReport } from "../../../shared/sync-outcome";
import type { SyncErrorType } from "../../../shared/sync-error-types";
import { FeedFetchError } from "../fetch/feed-fetch-error";
import type { FeedFetcher } from "../fetch/feed-fetcher";
import { BLOCK_COLUMNS, BLOCK_ROW_TYPE, BLOCK_VALUES_FROM_K, type FeedBodyReader } from "../ical/feed-body-reader";
import { getDefaultBodyReader } from "../ical/default-body-reader";
import { revealFeedUrl } from "../feed-url";
import { getDefaultFetcher } from "./default-fetcher";
import { nextSyncAt } from "./next-sync-at";
import {
  claimFeed,
  leaseDurationMs,
  LeaseLostError,
  ProviderDownError,
  releaseFeed,
  renewLease,
  type ClaimedFeed,
} from "./feed-lease";
import { recordFreshImport, recordUnchangedSync } from "./record-healthy-sync";
import { inTransaction, type ServiceContext, type TransactionContext } from "../../../service-context";

const DAY_MS = 86_400_000;

/** How a sync runs; everything has a default, for the worker, the probes, support and the host's saves. */
export interface SyncFeedOptions {
  fetcher?: FeedFetcher;
  now?: () => Date;
  /** The lease the caller holds on the feed (a worker's id); without one, syncFeed takes its own. */
  leaseOwner?: string;
  /** How long the lease runs from the start of the fetch; leaseDurationMs(CALENDAR_FETCH_TIMEOUT_MS) by default. */
  leaseMs?: number;
  /** Set when the host just saved the feed's link: if this sync closes the listing's alert, the link did it. */
  recoveredBy?: "host-link";
  /**
   * The worker's syncs: give the feed back without fetching when its provider came under an incident after the
   * feed was claimed (feeds queued before the breaker opened). Probes and manual syncs fetch anyway.
   */
  respectBreaker?: boolean;
  /** Hashes and parses what was downloaded: large bodies and recurrences off the calling thread (the process's parse threads by default). */
  bodyReader?: FeedBodyReader;
  /** Called once the fetch and the parse are done, before recording (the worker frees a fetch slot then). */
  onFetched?: () => void;
}

export interface SyncFeedResult {
  feedId: string;
  listingId: string;
  outcome: SyncOutcome;
  errorType: SyncErrorType | null;
  run: CalendarSyncRun;
}

type Attempt =
  | {
      outcome: "unchanged";
      validators?: { etag: string | null; lastModified: string | null };
      fullFetch: boolean;
      httpStatus: number;
    }
  | {
      outcome: "success";
      blockCount: number;
      blocksJson: string;
      skipped: number;
      bodyHash: string;
      etag: string | null;
      lastModified: string | null;
      fullFetch: boolean;
      httpStatus: number;
    }
  | { outcome: "warning"; errorType: "FEED_SUDDENLY_EMPTY"; message: string; httpStatus: number }
  | { outcome: "failure"; error: FeedFetchError };

export async function getFeedOrThrow(ctx: ServiceContext, feedId: string): Promise<CalendarFeed> {
  const { db } = ctx;
  if (!isEntityId(feedId)) throw new NotFoundError("Flux calendrier", feedId);
  const [feed] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feedId)).limit(1);
  if (!feed) throw new NotFoundError("Flux calendrier", feedId);
  return feed;
}

/** Network and parsing, outside any transaction: nothing is held while a slow server is waited for. */
async function attemptSync(
  feed: ClaimedFeed,
  fetcher: FeedFetcher,
  reader: FeedBodyReader,
  now: Date,
): Promise<Attempt> {
  const { sync, encryptionKey, previousEncryptionKey } = getConfig();
  // Some servers answer 304 wrongly: once a day the validators are left out to force a full download.
  const fullFetch = !feed.lastFullFetchAt || now.getTime() - feed.lastFullFetchAt.getTime() >= DAY_MS;
  try {
    let url: string;
    try {
      url = revealFeedUrl(feed, encryptionKey, previousEncryptionKey);
    } catch (error) {
      throw new FeedFetchError("UNEXPECTED_ERROR", (error as Error).message);
    }
    const response = await fetcher.fetch(url, fullFetch ? {} : { etag: feed.etag, lastModified: feed.lastModified });
    if (response.kind === "not-modified") return { outcome: "unchanged", fullFetch: false, httpStatus: 304 };
    const validators = { etag: response.etag, lastModified: response.lastModified };
    const read = await reader.read(response.body, feed.emptySince === null ? feed.bodyHash : null, {
      now,
      horizonMonths: sync.horizonMonths,
      providerKey: feed.providerKey,
    });
    const { bodyHash, parsed } = read;
    if (parsed === null) return { outcome: "unchanged", validators, fullFetch, httpStatus: response.httpStatus };
    if (parsed.blockCount === 0 && (feed.eventCount ?? 0) > 0) {
      const confirmed =
        feed.emptySince !== null && now.getTime() - feed.emptySince.getTime() >= sync.emptyConfirmHours * 3_600_000;
      if (!confirmed) {
        return {
          outcome: "warning",
          errorType: "FEED_SUDDENLY_EMPTY",
          message: `Le flux ne contient plus aucun événement (il en avait ${feed.eventCount}) : réservations importées conservées jusqu'à confirmation.`,
          httpStatus: response.httpStatus,
        };
      }
    }
    return {
      outcome: "success",
      blockCount: parsed.blockCount,
      blocksJson: parsed.blocksJson,
      skipped: parsed.skipped,
      bodyHash,
      ...validators,
      fullFetch,
      httpStatus: response.httpStatus,
    };
  } catch (error) {
    if (error instanceof FeedFetchError) return { outcome: "failure", error };
    // Recorded as UNEXPECTED_ERROR for support; the stack goes to the operators' log.
    logger.error({ err: error, feedId: feed.id }, "unexpected error while syncing a feed");
    return {
      outcome: "failure",
      error: new FeedFetchError(
        "UNEXPECTED_ERROR",
        `Erreur interne pendant la synchronisation : ${(error as Error).message}`,
      ),
    };
  }
}

/** The caller still gets the run an unchanged sync does not store. */
function unchangedResult(
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

async function replaceBlocks(tx: Transaction, feed: ClaimedFeed, blocksJson: string): Promise<void> {
  await tx.delete(calendarBlocks).where(eq(calendarBlocks.feedId, feed.id));
  await tx.execute(sql`insert into calendar_blocks (feed_id, listing_id, ${sql.raw(BLOCK_COLUMNS)})
    select ${feed.id}, ${feed.listingId}, ${sql.raw(BLOCK_VALUES_FROM_K)}
    from json_to_recordset(${blocksJson}::json) as k${sql.raw(BLOCK_ROW_TYPE)}`);
}

/**
 * Syncs one feed: fetch, parse, and record. A healthy feed that stays healthy is recorded in one statement
 * (recordUnchangedSync, recordFreshImport); any other outcome in one transaction holding the listing's row lock,
 * so the listing's feeds agree on its alert: replace the feed's blocks, record the run, raise or close the alert.
 * A failure never touches the blocks already imported.
 */
export async function syncFeed(
  ctx: ServiceContext,
  input: { feedId: string } & SyncFeedOptions,
): Promise<SyncFeedResult> {
  const { feedId } = input;
  const { fetch } = getConfig();
  const leaseMs = input.leaseMs ?? leaseDurationMs(fetch.timeoutMs);
  const owner = input.leaseOwner ?? `direct:${randomUUID()}`;
  if (!input.leaseOwner) {
    await getFeedOrThrow(ctx, feedId);
    if (!(await claimFeed(ctx, { feedId, owner, leaseMs })))
      throw new ConflictError("Une synchronisation de ce flux est déjà en cours. Réessayez dans un instant.");
  }
  const renewed = await renewLease(ctx, { feedId, owner, leaseMs });
  if (!renewed) {
    await getFeedOrThrow(ctx, feedId);
    throw new LeaseLostError(feedId, owner);
  }
  if (input.respectBreaker && renewed.providerUnderIncident) {
    await releaseFeed(ctx, { feedId, owner });
    throw new ProviderDownError(feedId, renewed.feed.providerKey);
  }
  return syncLeasedFeed(ctx, renewed.feed, owner, input);
}

/**
 * The worker's sync of a feed it claimed: the claim read the row, so nothing is read again. The lease is renewed
 * only when what is left of it would not cover a whole fetch (the feed waited long in the worker's queue).
 */
export async function syncClaimedFeed(
  ctx: ServiceContext,
  input: { feed: ClaimedFeed; leaseOwner: string } & SyncFeedOptions,
): Promise<SyncFeedResult> {
  const { feed, ...options } = input;
  const leaseMs = options.leaseMs ?? leaseDurationMs(getConfig().fetch.timeoutMs);
  const now = (options.now ?? (() => new Date()))();
  if (!feed.leaseUntil || feed.leaseUntil.getTime() - now.getTime() < leaseMs)
    return syncFeed(ctx, { feedId: feed.id, ...options });
  return syncLeasedFeed(ctx, feed, options.leaseOwner, options);
}

async function syncLeasedFeed(
  ctx: ServiceContext,
  feed: ClaimedFeed,
  owner: string,
  options: SyncFeedOptions,
): Promise<SyncFeedResult> {
  const clock = options.now ?? (() => new Date());
  const startedAt = clock();
  const attempt = await attemptSync(
    feed,
    options.fetcher ?? getDefaultFetcher(),
    options.bodyReader ?? getDefaultBodyReader(),
    startedAt,
  );
  const times = { startedAt, finishedAt: clock() };
  options.onFetched?.();
  const recorded = await recordStillHealthy(ctx, feed, owner, attempt, times);
  if (recorded) return recorded;
  // The one hand-off to the alerting policy: in the transaction, then after the commit.
  const { result, report } = await inTransaction(ctx, (tx) =>
    recordUnderListingLock(tx, feed, owner, attempt, times, options.recoveredBy),
  );
  await afterSyncCommitted(ctx, report);
  return result;
}

type SyncTimes = { startedAt: Date; finishedAt: Date };

/** A healthy feed that stays healthy: recorded in one statement, no lock, no policy. Null when it does not apply. */
async function recordStillHealthy(
  ctx: ServiceContext,
  feed: ClaimedFeed,
  owner: string,
  attempt: Attempt,
  times: SyncTimes,
): Promise<SyncFeedResult | null> {
  if (
    (attempt.outcome !== "unchanged" && attempt.outcome !== "success") ||
    feed.consecutiveFailures !== 0 ||
    feed.emptySince !== null
  )
    return null;
  const { startedAt, finishedAt } = times;
  const healthy = {
    feedId: feed.id,
    owner,
    startedAt,
    finishedAt,
    nextSyncAt: nextSyncAt(finishedAt, attempt.outcome, 0, getConfig().sync.intervalMinutes),
    fullFetch: attempt.fullFetch,
    httpStatus: attempt.httpStatus,
  };
  if (attempt.outcome === "unchanged") {
    const unchanged = await recordUnchangedSync(ctx, { sync: healthy, validators: attempt.validators });
    return unchanged ? unchangedResult(feed, startedAt, finishedAt, attempt.httpStatus, unchanged.eventCount) : null;
  }
  const recorded = await recordFreshImport(ctx, { sync: healthy, content: attempt });
  if (!recorded) return null;
  // An import that cannot have changed a double booking (a listing's only feed, or stays that only echo the
  // siblings') has no hand-off: the import stays one statement.
  if (recorded.mayConflict)
    await afterSyncCommitted(ctx, {
      kind: "healthy",
      listingId: feed.listingId,
      feedId: feed.id,
      imported: { at: finishedAt, afterFailuresHours: null },
    });
  return { feedId: feed.id, listingId: feed.listingId, outcome: "success", errorType: null, run: recorded.run };
}

/** After a run of failures: the hours since the feed's last success (how long its calendar was stale). */
function hoursSinceLastSuccess(current: CalendarFeed, now: Date): number | null {
  if (current.consecutiveFailures === 0) return null;
  return current.lastSuccessAt ? Math.floor((now.getTime() - current.lastSuccessAt.getTime()) / 3_600_000) : null;
}

type RunFields = Omit<
  typeof calendarSyncRuns.$inferInsert,
  "feedId" | "listingId" | "startedAt" | "finishedAt" | "durationMs"
>;

/** What the attempt changes on the feed's row (besides the schedule and the lease) and the run it records. */
function stateAfter(
  attempt: Attempt,
  current: CalendarFeed,
  finishedAt: Date,
): { feedUpdate: PgUpdateSetSource<typeof calendarFeeds>; run: RunFields } {
  if (attempt.outcome === "failure") {
    const { errorType, message, httpStatus } = attempt.error;
    return {
      feedUpdate: { lastErrorType: errorType, lastErrorMessage: message },
      run: { outcome: "failure", errorType, errorMessage: message, httpStatus: httpStatus ?? null },
    };
  }
  if (attempt.outcome === "warning") {
    return {
      feedUpdate: {
        lastSuccessAt: finishedAt,
        lastErrorType: attempt.errorType,
        lastErrorMessage: attempt.message,
        emptySince: current.emptySince ?? finishedAt,
      },
      run: {
        outcome: "warning",
        errorType: attempt.errorType,
        errorMessage: attempt.message,
        httpStatus: attempt.httpStatus,
        eventCount: 0,
      },
    };
  }
  const healthy = {
    lastSuccessAt: finishedAt,
    lastErrorType: null,
    lastErrorMessage: null,
    ...(attempt.fullFetch ? { lastFullFetchAt: finishedAt } : {}),
  };
  if (attempt.outcome === "unchanged") {
    return {
      feedUpdate: {
        ...healthy,
        ...(attempt.validators ?? {}),
        unchangedSyncs: sql`${calendarFeeds.unchangedSyncs} + 1`,
      },
      run: { outcome: "unchanged", httpStatus: attempt.httpStatus, eventCount: current.eventCount },
    };
  }
  const { etag, lastModified, bodyHash } = attempt;
  return {
    feedUpdate: { ...healthy, etag, lastModified, bodyHash, eventCount: attempt.blockCount, emptySince: null },
    run: {
      outcome: "success",
      httpStatus: attempt.httpStatus,
      eventCount: attempt.blockCount,
      skippedCount: attempt.skipped,
    },
  };
}

/**
 * Any other outcome, in one transaction holding the listing's row lock so the listing's feeds agree on its alert:
 * the feed's row, its blocks (a success), its run, and the policy's decision on the outcome.
 */
async function recordUnderListingLock(
  txCtx: TransactionContext,
  feed: ClaimedFeed,
  owner: string,
  attempt: Attempt,
  times: SyncTimes,
  recoveredBy: "host-link" | undefined,
): Promise<{ result: SyncFeedResult; report: SyncOutcomeReport }> {
  const tx = txCtx.db;
  const { startedAt, finishedAt } = times;
  const { sync, incidents } = getConfig();
  await tx.select({ id: listings.id }).from(listings).where(eq(listings.id, feed.listingId)).for("update");
  // The row as it is now, locked, and only if this sync still holds its lease: the fetch took time, the
  // state written below builds on the row, and a worker that lost the feed to another must write nothing.
  const [current] = await tx.select().from(calendarFeeds).where(eq(calendarFeeds.id, feed.id)).for("update");
  if (!current) throw new NotFoundError("Flux calendrier", feed.id);
  if (current.leaseOwner !== owner) throw new LeaseLostError(feed.id, owner);
  const failures = attempt.outcome === "failure" ? current.consecutiveFailures + 1 : 0;
  // A server's Retry-After is believed up to a bound: one feed's « come back in ten years » is not obeyed.
  const retryAfterSeconds =
    attempt.outcome === "failure" && attempt.error.retryAfterSeconds
      ? Math.min(attempt.error.retryAfterSeconds, incidents.maxRetryAfterSeconds)
      : undefined;
  const { feedUpdate, run } = stateAfter(attempt, current, finishedAt);
  let confirmedEmpty: { feedId: string; emptySince: Date } | undefined;
  if (attempt.outcome === "success") {
    await replaceBlocks(tx, feed, attempt.blocksJson);
    if (attempt.blockCount === 0 && current.emptySince !== null && (current.eventCount ?? 0) > 0)
      confirmedEmpty = { feedId: feed.id, emptySince: current.emptySince };
  }
  await tx
    .update(calendarFeeds)
    .set({
      lastAttemptAt: finishedAt,
      lastOutcome: attempt.outcome,
      consecutiveFailures: failures,
      nextSyncAt: nextSyncAt(finishedAt, attempt.outcome, failures, sync.intervalMinutes, retryAfterSeconds),
      leaseOwner: null,
      leaseUntil: null,
      updatedAt: finishedAt,
      ...feedUpdate,
    })
    .where(and(eq(calendarFeeds.id, feed.id), eq(calendarFeeds.leaseOwner, owner)));

  const report: SyncOutcomeReport =
    attempt.outcome === "failure"
      ? {
          kind: "failure",
          feed: { id: feed.id, listingId: feed.listingId, providerKey: current.providerKey, label: current.provider },
          consecutiveFailures: failures,
          errorType: attempt.error.errorType,
          message: attempt.error.message,
          httpStatus: attempt.error.httpStatus ?? null,
          retryAfterSeconds,
          occurredAt: finishedAt,
        }
      : {
          kind: "healthy",
          listingId: feed.listingId,
          feedId: feed.id,
          recoveredBy,
          confirmedEmpty,
          imported:
            attempt.outcome === "success"
              ? { at: finishedAt, afterFailuresHours: hoursSinceLastSuccess(current, finishedAt) }
              : undefined,
        };
  await recordSyncOutcome(txCtx, report);

  // A sync that found nothing new writes no run row (a healthy platform would write a million a day to say
  // « nothing new »): the feed's last success and unchanged counter say it. The caller still gets the run.
  if (attempt.outcome === "unchanged")
    return { result: unchangedResult(feed, startedAt, finishedAt, attempt.httpStatus, current.eventCount), report };
  const runRow = {
    ...run,
    feedId: feed.id,
    listingId: feed.listingId,
    startedAt,
    finishedAt,
    durationMs: finishedAt.getTime() - startedAt.getTime(),
  };
  const [recorded] = await tx.insert(calendarSyncRuns).values(runRow).returning();
  return {
    result: {
      feedId: feed.id,
      listingId: feed.listingId,
      outcome: attempt.outcome,
      errorType: recorded!.errorType,
      run: recorded!,
    },
    report,
  };
}
