import type { Database } from "../db/database";
import { systemContext, type ServiceContext } from "../service-context";
import type { Logger } from "../logger";
import type { FeedFetcher } from "../services/calendar/calendar.service";
import type { FeedBodyReader } from "../services/calendar/calendar.service";
import {
  claimDueFeeds,
  leaseDurationMs,
  LeaseLostError,
  ProviderDownError,
  releaseFeed,
  type QueuedFeed,
} from "../services/calendar/calendar.service";
import { syncClaimedFeed, type SyncFeedResult } from "../services/calendar/calendar.service";
import { providersUnderIncident } from "../services/incidents/incidents.service";
import { getConfig } from "../config";
import { sleep } from "./sleep";
import { ProviderHealthCache } from "./provider-health-cache";
import { SlotPool } from "./slot-pool";
import { countSync, emptySyncSummary, type SyncSummary } from "./sync-summary";
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
// While syncs take less than this on average (most are 304s and unchanged bodies), the queue holds QUEUE_WHEN_FAST
// times the concurrency instead of twice: a claim then feeds the slots for several of its own round trips, where with
// twice the slots sat idle waiting for it (#34: the re-sync of unchanged feeds went from 0.36× to 0.48× of the bare
// fetch loop). A queued feed then waits about QUEUE_WHEN_FAST ÷ 2 syncs, far inside its lease; should its feeds turn
// slow, the average rises within a few syncs and the queue goes back to twice.
const FAST_SYNC_MS = 250;
const QUEUE_WHEN_FAST = 8;
// Weight of the latest sync in the average of sync durations.
const DURATION_WEIGHT = 0.1;

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
  /** Syncs quicker than this on average let the queue grow (FAST_SYNC_MS by default). */
  fastSyncMs?: number;
}

export type { SyncSummary } from "./sync-summary";

/**
 * Claims due feeds (SKIP LOCKED + lease) and syncs them with at most `concurrency` in flight, at most
 * `perProviderConcurrency` per provider so that one worker cannot flood a platform, and at most `perOwnerConcurrency`
 * per owner so that one host's slow feeds cannot hold the slots of others. Due probes of open
 * provider incidents run first. A failing feed is a recorded outcome, never an exception out of the loop; on
 * abort it stops claiming and finishes what it holds.
 */
export async function runSyncScheduler(options: SyncSchedulerOptions): Promise<SyncSummary> {
  return new SyncScheduler(options).run();
}

/**
 * The loop, in three parts: the provider-health cache (which providers are down), the slot pool (who may fetch
 * now), and this: the queue of claimed feeds, the claims and probes running beside the syncs, and the syncs.
 */
class SyncScheduler {
  private readonly ctx: ServiceContext;
  private readonly syncLeaseMs: number;
  private readonly claimLeaseMs: number;
  private readonly passStartedAt = new Date();
  private readonly summary = emptySyncSummary();
  private readonly queue: QueuedFeed[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly slots: SlotPool;
  private readonly health: ProviderHealthCache;
  private claiming: Promise<void> | null = null;
  private probing: Promise<void> | null = null;
  private nextProbesAt = 0;
  private nextClaimAt = 0;
  // Due feeds the last claim found; -1 before the first. An empty claim with nothing left to do ends a one-pass
  // run, or sends the worker to sleep.
  private lastClaimFound = -1;
  // Average duration of a sync (fetch, parse and record), in ms; none before the first, so the first claims stay small.
  private averageSyncMs = Number.POSITIVE_INFINITY;
  private wake: () => void = () => {};

  constructor(private readonly options: SyncSchedulerOptions) {
    const config = getConfig();
    this.ctx = systemContext(options.db);
    this.syncLeaseMs = leaseDurationMs(config.fetch.timeoutMs);
    this.claimLeaseMs = options.leaseMs ?? 2 * this.syncLeaseMs;
    this.slots = new SlotPool({
      total: options.concurrency,
      perProvider: options.perProviderConcurrency ?? config.incidents.maxConcurrencyPerProvider,
      perOwner: options.perOwnerConcurrency ?? config.sync.maxConcurrencyPerOwner,
    });
    this.health = new ProviderHealthCache({
      read: () => providersUnderIncident(this.ctx),
      spacingMs: options.downReadSpacingMs ?? DOWN_READ_SPACING_MS,
      signal: options.signal,
      onError: (error) => options.logger.error({ err: error }, "reading open provider incidents failed"),
    });
  }

  async run(): Promise<SyncSummary> {
    const { signal } = this.options;
    const aborted = new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    while (!signal.aborted) {
      // Made before anything can finish, so that no wake-up is missed.
      const woken = new Promise<void>((resolve) => (this.wake = resolve));
      if (!this.probing && Date.now() >= this.nextProbesAt) {
        this.nextProbesAt = Date.now() + PROBE_CHECK_MS;
        this.probe();
      }
      const idle = this.inFlight.size === 0 && this.queue.length === 0;
      if (
        !this.claiming &&
        this.queue.length < this.queueTarget() / 2 &&
        (Date.now() >= this.nextClaimAt || (idle && this.lastClaimFound !== 0))
      )
        this.claimMore();
      this.dispatch();
      if (idle && !this.claiming && this.lastClaimFound === 0 && !this.probing) {
        if (this.options.once) break;
        await sleep(this.options.idleDelayMs ?? 5_000, signal);
        this.lastClaimFound = -1;
        continue;
      }
      await Promise.race([woken, aborted]);
    }
    await Promise.all([this.claiming, this.probing]);
    await Promise.all(this.inFlight);
    await this.health.close();
    // Claimed but not started: hand them back rather than wait for their leases to expire.
    const { workerId } = this.options;
    await Promise.all(
      this.queue
        .splice(0)
        .map((feed) => releaseFeed(this.ctx, { feedId: feed.id, owner: workerId }).catch(() => undefined)),
    );
    return this.summary;
  }

  /** Starts queued feeds while there is room, overall, for their provider and their owner; the others keep their place. */
  private dispatch(): void {
    const { concurrency, signal } = this.options;
    for (
      let index = 0;
      index < this.queue.length &&
      this.slots.hasRoom() &&
      this.inFlight.size < 2 * concurrency + RECORDING_MARGIN &&
      !signal.aborted;
    ) {
      const feed = this.queue[index]!;
      if (!this.slots.fits(feed)) {
        index++;
        continue;
      }
      this.queue.splice(index, 1);
      this.start(feed);
    }
  }

  // A slot is a fetch in flight. A sync gives its slot back once fetched and parsed, and records while the next
  // fetch runs: recording waits on a commit, and a worker that held the slot through it fetched half the time.
  // At most `concurrency` + RECORDING_MARGIN syncs may be recording besides, so memory stays bounded.
  private start(feed: QueuedFeed): void {
    const release = this.slots.take(feed);
    const startedAt = performance.now();
    const freeSlot = () => {
      release();
      this.wake();
    };
    const task = this.syncOne(feed, freeSlot).finally(() => {
      const tookMs = performance.now() - startedAt;
      this.averageSyncMs = Number.isFinite(this.averageSyncMs)
        ? this.averageSyncMs + DURATION_WEIGHT * (tookMs - this.averageSyncMs)
        : tookMs;
      freeSlot();
      this.inFlight.delete(task);
      this.wake();
    });
    this.inFlight.add(task);
  }

  private async syncOne(feed: QueuedFeed, onFetched: () => void): Promise<void> {
    const { logger, workerId, metrics } = this.options;
    const feedId = feed.id;
    try {
      if (this.health.isDown(feed.providerKey)) {
        await releaseFeed(this.ctx, { feedId, owner: workerId });
        throw new ProviderDownError(feedId, feed.providerKey);
      }
      const result = await syncClaimedFeed(this.ctx, {
        feed,
        fetcher: this.options.fetcher,
        leaseOwner: workerId,
        leaseMs: this.options.leaseMs ?? this.syncLeaseMs,
        respectBreaker: true,
        onFetched,
        bodyReader: this.options.bodyReader,
      });
      countSync(this.summary, result);
      if (result.outcome === "failure") {
        this.health.refresh();
        logger.info({ feedId, listingId: result.listingId, errorType: result.errorType }, "sync failed");
      }
      if (metrics) recordSyncMetrics(metrics, result, feed.providerKey);
      this.options.onResult?.(result);
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
        metrics?.leaseTakeovers.inc();
        logger.warn({ feedId, workerId }, "lease lost to another worker: this sync's outcome was discarded");
        return;
      }
      // Database trouble while recording: the lease expires and the feed is taken again later.
      countSync(this.summary, "unrecorded");
      logger.error({ err: error, feedId }, "sync could not be recorded");
    }
  }

  // Claims and probes run beside the syncs, never in front of them: while one is in flight, freed slots are
  // filled from the queue, and its completion wakes the loop.
  private claimMore(): void {
    this.claiming = (async () => {
      try {
        const wanted = this.queueTarget() - this.queue.length;
        const claimed = await claimDueFeeds(this.ctx, {
          owner: this.options.workerId,
          limit: wanted,
          leaseMs: this.claimLeaseMs,
          ...(this.options.once ? { dueBy: this.passStartedAt } : {}),
        });
        this.queue.push(...claimed);
        this.lastClaimFound = claimed.length;
        // Fewer due than asked for: the queue is nearly drained, no need to ask again on every sync.
        this.nextClaimAt = claimed.length < wanted ? Date.now() + CLAIM_BACKOFF_MS : 0;
        if (claimed.length > 0) this.health.refresh();
      } catch (error) {
        this.nextClaimAt = Date.now() + CLAIM_BACKOFF_MS;
        this.lastClaimFound = 0;
        this.options.logger.error({ err: error }, "claiming due feeds failed");
      } finally {
        this.claiming = null;
        this.wake();
      }
    })();
  }

  /** How many claimed feeds the queue holds: more while syncs are quick, so that claims keep ahead of them. */
  private queueTarget(): number {
    const fast = this.averageSyncMs < (this.options.fastSyncMs ?? FAST_SYNC_MS);
    return this.options.concurrency * (fast ? QUEUE_WHEN_FAST : 2);
  }

  private probe(): void {
    const { db, fetcher, workerId, logger, bodyReader } = this.options;
    this.probing = (async () => {
      try {
        this.summary.probes += await runDueProbes({
          db,
          fetcher,
          workerId,
          logger,
          leaseMs: this.syncLeaseMs,
          bodyReader,
        });
      } catch (error) {
        logger.error({ err: error }, "provider probes failed");
      } finally {
        this.probing = null;
        this.wake();
      }
    })();
  }
}
