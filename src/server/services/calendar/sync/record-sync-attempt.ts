import { and, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { calendarBlocks, calendarFeeds, calendarSyncRuns, listings, type CalendarFeed } from "../../../db/schema";
import type { Transaction } from "../../../db/database";
import { getConfig } from "../../../config";
import { NotFoundError } from "../../../errors";
import { afterSyncCommitted, recordSyncOutcome } from "../../alerting/alerting.service";
import type { SyncOutcomeReport } from "../../../shared/sync-outcome";
import { BLOCK_COLUMNS, BLOCK_ROW_TYPE, BLOCK_VALUES_FROM_K } from "../ical/feed-body-reader";
import type { ServiceContext, TransactionContext } from "../../../service-context";
import { nextSyncAt } from "./next-sync-at";
import { LeaseLostError, type ClaimedFeed } from "./feed-lease";
import { recordFreshImport, recordUnchangedSync } from "./record-healthy-sync";
import type { Attempt } from "./sync-attempt";
import { unchangedResult, type SyncFeedResult, type SyncTimes } from "./sync-result";

// Recording an attempt, under the lease that fences it: the one-statement path of a feed that stays healthy, or the
// transaction that holds the listing's lock and hands the outcome to the alerting policy.

async function replaceBlocks(tx: Transaction, feed: ClaimedFeed, blocksJson: string): Promise<void> {
  await tx.delete(calendarBlocks).where(eq(calendarBlocks.feedId, feed.id));
  await tx.execute(sql`insert into calendar_blocks (feed_id, listing_id, ${sql.raw(BLOCK_COLUMNS)})
    select ${feed.id}, ${feed.listingId}, ${sql.raw(BLOCK_VALUES_FROM_K)}
    from json_to_recordset(${blocksJson}::json) as k${sql.raw(BLOCK_ROW_TYPE)}`);
}

/** A healthy feed that stays healthy: recorded in one statement, no lock, no policy. Null when it does not apply. */
export async function recordStillHealthy(
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
export async function recordUnderListingLock(
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
