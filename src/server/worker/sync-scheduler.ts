import type { Database } from "../db/database";
import type { Logger } from "../logger";
import type { FeedFetcher } from "../services/calendar/fetch/feed-fetcher";
import type { FeedBodyReader } from "../services/calendar/ical/feed-body-reader";
import { claimDueFeeds, leaseDurationMs, LeaseLostError, providersUnderIncident, ProviderDownError, releaseFeed, type QueuedFeed } from "../services/calendar/sync/feed-lease";
import { syncClaimedFeed, type SyncFeedResult } from "../services/calendar/sync/sync-feed";
import { getConfig } from "../config";
import { sleep } from "./sleep";
import { NotFoundError } from "../errors";
import { runDueProbes } from "./provider-probes";
import type { Metrics } from "../metrics/registry";
import { recordSyncMetrics } from "../metrics/record-sync";

// Syncs recording beyond the concurrency: group commits stay large when fetches are quick.
const RECORDING_MARGIN = 32;
// The least time between two reads of the open provider incidents.
const DOWN_READ_SPACING_MS = 250;
// Probes of open incidents are looked for at most this often (their interval is a minute by default).
const PROBE_CHECK_MS = 1_000;
// After a claim that found fewer due feeds than it asked for, the next waits this long (or until the worker is idle).
const CLAIM_BACKOFF_MS = 500;

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
  /** At most this many fetches in flight per provider (PROVIDER_MAX_CONCURRENCY by default). */
  perProviderConcurrency?: number;
  /** At most this many fetches in flight per listing owner (SYNC_MAX_CONCURRENCY_PER_OWNER by default). */
  perOwnerConcurrency?: number;
  idleDelayMs?: number;
  signal: AbortSignal;
  /**
   * One pass (npm run worker -- --once): sync each feed due when the pass starts once, then return. A feed that
   * comes due again during the pass (a quick retry after a failure) is left to the next pass.
   */
  once?: boolean;
  onResult?: (result: SyncFeedResult) => void;
  /** Where syncs and lease takeovers are counted (the worker's /metrics). */
  metrics?: Metrics;
  /** Reads large bodies off the event loop (createParsePool); on it by default. */
  bodyReader?: FeedBodyReader;
  /** The least time between two reads of the open provider incidents (DOWN_READ_SPACING_MS by default). */
  downReadSpacingMs?: number;
}

export interface SyncSummary {
  synced: number;
  failed: number;
  failuresByType: Record<string, number>;
  warnings: number;
  probes: number;
}

/**
 * Claims due feeds (SKIP LOCKED + lease) and syncs them with at most `concurrency` in flight, at most
 * `perProviderConcurrency` per provider so that one worker cannot flood a platform, and at most `perOwnerConcurrency`
 * per owner so that one host's slow feeds cannot hold the slots of others. Due probes of open
 * provider incidents run first. A failing feed is a recorded outcome, never an exception out of the loop; on
 * abort it stops claiming and finishes what it holds.
 */
export async function runSyncScheduler(options: SyncSchedulerOptions): Promise<SyncSummary> {
  const { db, fetcher, workerId, concurrency, logger, signal } = options;
  const config = getConfig();
  const syncLeaseMs = leaseDurationMs(config.fetch.timeoutMs);
  const leaseMs = options.leaseMs ?? 2 * syncLeaseMs;
  const perProvider = options.perProviderConcurrency ?? config.incidents.maxConcurrencyPerProvider;
  const perOwner = options.perOwnerConcurrency ?? config.sync.maxConcurrencyPerOwner;
  const summary: SyncSummary = { synced: 0, failed: 0, failuresByType: {}, warnings: 0, probes: 0 };
  const inFlight = new Set<Promise<void>>();
  const inFlightByProvider = new Map<string, number>();
  const inFlightByOwner = new Map<string, number>();
  const queue: QueuedFeed[] = [];

  const passStartedAt = new Date();
  // Providers under an open incident, read again with each claim and after each failure (a failure is what opens an
  // incident): a feed queued before its provider's incident opened is given back unfetched. During an outage failures
  // come by the hundred a second, so the reads are at most one in flight and DOWN_READ_SPACING_MS apart; a failure
  // that arrives meanwhile gets one more read after the current one.
  let downProviders = new Set<string>();
  let downRead: Promise<void> | null = null;
  let downReadAgain = false;
  let lastDownReadAt = 0;
  // Aborted once the scheduler is done: no read starts after, and the pause before one ends (a one-pass run waited it
  // out, up to DOWN_READ_SPACING_MS, which rounded every pass up to the next quarter second).
  const done = new AbortController();
  const pauseSignal = AbortSignal.any([signal, done.signal]);
  const refreshDownProviders = () => {
    if (done.signal.aborted) return;
    if (downRead) {
      downReadAgain = true;
      return;
    }
    downRead = sleep(Math.max(0, lastDownReadAt + (options.downReadSpacingMs ?? DOWN_READ_SPACING_MS) - Date.now()), pauseSignal)
      .then(async () => {
        if (done.signal.aborted) return;
        lastDownReadAt = Date.now();
        downProviders = await providersUnderIncident(db);
      })
      .catch((error: unknown) => logger.error({ err: error }, "reading open provider incidents failed"))
      .finally(() => {
        downRead = null;
        if (downReadAgain && !signal.aborted) {
          downReadAgain = false;
          refreshDownProviders();
        }
      });
  };

  const runOne = async (feed: QueuedFeed, onFetched: () => void) => {
    const feedId = feed.id;
    try {
      if (downProviders.has(feed.providerKey)) {
        await releaseFeed(db, feedId, workerId);
        throw new ProviderDownError(feedId, feed.providerKey);
      }
      const result = await syncClaimedFeed(feed, { db, fetcher, leaseOwner: workerId, leaseMs: options.leaseMs ?? syncLeaseMs, respectBreaker: true, onFetched, bodyReader: options.bodyReader });
      if (result.outcome === "failure") {
        refreshDownProviders();
        summary.failed++;
        summary.failuresByType[result.errorType ?? "UNEXPECTED_ERROR"] = (summary.failuresByType[result.errorType ?? "UNEXPECTED_ERROR"] ?? 0) + 1;
        logger.info({ feedId, listingId: result.listingId, errorType: result.errorType }, "sync failed");
      } else {
        summary.synced++;
        if (result.outcome === "warning") summary.warnings++;
      }
      if (options.metrics) recordSyncMetrics(options.metrics, result, feed.providerKey);
      options.onResult?.(result);
    } catch (error) {
      if (error instanceof NotFoundError) {
        logger.info({ feedId }, "feed removed while it was syncing");
        return;
      }
      if (error instanceof ProviderDownError) {
        logger.debug({ feedId, providerKey: error.providerKey }, "provider under incident: feed given back unfetched");
        return;
      }
      if (error instanceof LeaseLostError) {
        options.metrics?.leaseTakeovers.inc();
        logger.warn({ feedId, workerId }, "lease lost to another worker: this sync's outcome was discarded");
        return;
      }
      // Database trouble while recording: the lease expires and the feed is taken again later.
      summary.failed++;
      summary.failuresByType.UNEXPECTED_ERROR = (summary.failuresByType.UNEXPECTED_ERROR ?? 0) + 1;
      logger.error({ err: error, feedId }, "sync could not be recorded");
    }
  };

  // A slot is a fetch in flight. A sync gives its slot back once fetched and parsed, and records while the next
  // fetch runs: recording waits on a commit, and a worker that held the slot through it fetched half the time.
  // At most `concurrency` + RECORDING_MARGIN syncs may be recording besides, so memory stays bounded.
  let fetching = 0;
  let wake = () => {};
  const start = (feed: QueuedFeed) => {
    fetching++;
    inFlightByProvider.set(feed.providerKey, (inFlightByProvider.get(feed.providerKey) ?? 0) + 1);
    inFlightByOwner.set(feed.ownerId, (inFlightByOwner.get(feed.ownerId) ?? 0) + 1);
    let slotHeld = true;
    const freeSlot = () => {
      if (!slotHeld) return;
      slotHeld = false;
      fetching--;
      inFlightByProvider.set(feed.providerKey, (inFlightByProvider.get(feed.providerKey) ?? 1) - 1);
      // Owners are many: an owner with nothing in flight leaves the map.
      const ownerLeft = (inFlightByOwner.get(feed.ownerId) ?? 1) - 1;
      if (ownerLeft > 0) inFlightByOwner.set(feed.ownerId, ownerLeft);
      else inFlightByOwner.delete(feed.ownerId);
      wake();
    };
    const task = runOne(feed, freeSlot).finally(() => {
      freeSlot();
      inFlight.delete(task);
      wake();
    });
    inFlight.add(task);
  };

  /** Starts queued feeds while there is room, overall, for their provider and their owner; the others keep their place. */
  const dispatch = () => {
    for (let index = 0; index < queue.length && fetching < concurrency && inFlight.size < 2 * concurrency + RECORDING_MARGIN && !signal.aborted; ) {
      const feed = queue[index]!;
      if ((inFlightByProvider.get(feed.providerKey) ?? 0) >= perProvider || (inFlightByOwner.get(feed.ownerId) ?? 0) >= perOwner) {
        index++;
        continue;
      }
      queue.splice(index, 1);
      start(feed);
    }
  };

  // Claims and probes run beside the syncs, never in front of them: while one is in flight, freed slots are
  // filled from the queue, and its completion wakes the loop.
  let claiming: Promise<void> | null = null;
  let probing: Promise<void> | null = null;
  let nextProbesAt = 0;
  let nextClaimAt = 0;
  // Due feeds the last claim found; -1 before the first. An empty claim with nothing left to do ends a one-pass
  // run, or sends the worker to sleep.
  let lastClaimFound = -1;
  const claimMore = () => {
    claiming = (async () => {
      try {
        const wanted = concurrency * 2 - queue.length;
        const claimed = await claimDueFeeds(db, workerId, wanted, leaseMs, options.once ? { dueBy: passStartedAt } : {});
        queue.push(...claimed);
        lastClaimFound = claimed.length;
        // Fewer due than asked for: the queue is nearly drained, no need to ask again on every sync.
        nextClaimAt = claimed.length < wanted ? Date.now() + CLAIM_BACKOFF_MS : 0;
        if (claimed.length > 0) refreshDownProviders();
      } catch (error) {
        nextClaimAt = Date.now() + CLAIM_BACKOFF_MS;
        lastClaimFound = 0;
        logger.error({ err: error }, "claiming due feeds failed");
      } finally {
        claiming = null;
        wake();
      }
    })();
  };
  const probe = () => {
    probing = (async () => {
      try {
        summary.probes += await runDueProbes({ db, fetcher, workerId, logger, leaseMs: syncLeaseMs, bodyReader: options.bodyReader });
      } catch (error) {
        logger.error({ err: error }, "provider probes failed");
      } finally {
        probing = null;
        wake();
      }
    })();
  };

  const aborted = new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  while (!signal.aborted) {
    // Made before anything can finish, so that no wake-up is missed.
    const woken = new Promise<void>((resolve) => (wake = resolve));
    if (!probing && Date.now() >= nextProbesAt) {
      nextProbesAt = Date.now() + PROBE_CHECK_MS;
      probe();
    }
    const idle = inFlight.size === 0 && queue.length === 0;
    if (!claiming && queue.length < concurrency && (Date.now() >= nextClaimAt || (idle && lastClaimFound !== 0))) claimMore();
    dispatch();
    if (idle && !claiming && lastClaimFound === 0 && !probing) {
      if (options.once) break;
      await sleep(options.idleDelayMs ?? 5_000, signal);
      lastClaimFound = -1;
      continue;
    }
    await Promise.race([woken, aborted]);
  }
  await Promise.all([claiming, probing]);
  await Promise.all(inFlight);
  done.abort();
  await downRead;
  // Claimed but not started: hand them back rather than wait for their leases to expire.
  await Promise.all(queue.splice(0).map((feed) => releaseFeed(db, feed.id, workerId).catch(() => undefined)));
  return summary;
}
