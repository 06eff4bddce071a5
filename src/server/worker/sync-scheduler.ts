import type { Database } from "../db/database";
import type { Logger } from "../logger";
import type { FeedFetcher } from "../services/calendar/fetch/feed-fetcher";
import { claimDueFeeds, leaseDurationMs, LeaseLostError, releaseFeed } from "../services/calendar/sync/feed-lease";
import { getConfig } from "../config";
import { syncFeed, type SyncFeedResult } from "../services/calendar/sync/sync-feed";
import { sleep } from "./sleep";
import { NotFoundError } from "../errors";

export interface SyncSchedulerOptions {
  db: Database;
  fetcher: FeedFetcher;
  workerId: string;
  concurrency: number;
  logger: Logger;
  /**
   * Lease taken when a feed is claimed, renewed for leaseDurationMs(fetch timeout) when its sync starts;
   * covers the wait in the queue (at most one sync's duration, since twice `concurrency` feeds are claimed).
   */
  leaseMs?: number;
  idleDelayMs?: number;
  signal: AbortSignal;
  /** Exit when nothing is due instead of waiting (npm run worker -- --once). */
  once?: boolean;
  onResult?: (result: SyncFeedResult) => void;
}

export interface SyncSummary {
  synced: number;
  failed: number;
  failuresByType: Record<string, number>;
  warnings: number;
}

/**
 * Claims due feeds (SKIP LOCKED + lease) and syncs them with at most `concurrency` in flight. A failing
 * feed is a recorded outcome, never an exception out of the loop; on abort it stops claiming and finishes
 * what it holds.
 */
export async function runSyncScheduler(options: SyncSchedulerOptions): Promise<SyncSummary> {
  const { db, fetcher, workerId, concurrency, logger, signal } = options;
  const syncLeaseMs = leaseDurationMs(getConfig().fetch.timeoutMs);
  const leaseMs = options.leaseMs ?? 2 * syncLeaseMs;
  const summary: SyncSummary = { synced: 0, failed: 0, failuresByType: {}, warnings: 0 };
  const inFlight = new Set<Promise<void>>();
  const queue: string[] = [];

  const runOne = async (feedId: string) => {
    try {
      const result = await syncFeed(feedId, { db, fetcher, leaseOwner: workerId, leaseMs: options.leaseMs ?? syncLeaseMs });
      if (result.outcome === "failure") {
        summary.failed++;
        summary.failuresByType[result.errorType ?? "UNEXPECTED_ERROR"] = (summary.failuresByType[result.errorType ?? "UNEXPECTED_ERROR"] ?? 0) + 1;
        logger.info({ feedId, listingId: result.listingId, errorType: result.errorType }, "sync failed");
      } else {
        summary.synced++;
        if (result.outcome === "warning") summary.warnings++;
      }
      options.onResult?.(result);
    } catch (error) {
      if (error instanceof NotFoundError) {
        logger.info({ feedId }, "feed removed while it was syncing");
        return;
      }
      if (error instanceof LeaseLostError) {
        logger.warn({ feedId, workerId }, "lease lost to another worker: this sync's outcome was discarded");
        return;
      }
      // Database trouble while recording: the lease expires and the feed is taken again later.
      summary.failed++;
      summary.failuresByType.UNEXPECTED_ERROR = (summary.failuresByType.UNEXPECTED_ERROR ?? 0) + 1;
      logger.error({ err: error, feedId }, "sync could not be recorded");
    }
  };

  const aborted = new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  while (!signal.aborted) {
    if (queue.length === 0 && inFlight.size < concurrency) {
      try {
        queue.push(...(await claimDueFeeds(db, workerId, concurrency * 2, leaseMs)));
      } catch (error) {
        logger.error({ err: error }, "claiming due feeds failed");
      }
    }
    while (queue.length > 0 && inFlight.size < concurrency && !signal.aborted) {
      const task = runOne(queue.shift()!).finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
    if (inFlight.size === 0 && queue.length === 0) {
      if (options.once) break;
      await sleep(options.idleDelayMs ?? 5_000, signal);
      continue;
    }
    await Promise.race([...inFlight, aborted]);
  }
  await Promise.all(inFlight);
  // Claimed but not started: hand them back rather than wait for their leases to expire.
  await Promise.all(queue.splice(0).map((feedId) => releaseFeed(db, feedId, workerId).catch(() => undefined)));
  return summary;
}
