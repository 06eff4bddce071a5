import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { calendarFeeds, type CalendarFeed } from "../../../db/schema";
import { getConfig } from "../../../config";
import { ConflictError, NotFoundError, words } from "../../../errors";
import { isEntityId } from "../../../validation";
import { afterSyncCommitted } from "../../alerting/alerting.service";
import type { FeedFetcher } from "../fetch/feed-fetcher";
import type { FeedBodyReader } from "../ical/feed-body-reader";
import { getDefaultBodyReader } from "../ical/default-body-reader";
import { getDefaultFetcher } from "./default-fetcher";
import {
  claimFeed,
  leaseDurationMs,
  LeaseLostError,
  ProviderDownError,
  releaseFeed,
  renewLease,
  type ClaimedFeed,
} from "./feed-lease";
import { inTransaction, type ServiceContext } from "../../../service-context";
import { attemptSync } from "./sync-attempt";
import { recordStillHealthy, recordUnderListingLock } from "./record-sync-attempt";
import type { SyncFeedResult } from "./sync-result";

// The sync's entry points: take or check the lease, attempt the feed (sync-attempt.ts), record what it found
// (record-sync-attempt.ts).

export type { SyncFeedResult } from "./sync-result";

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

export async function getFeedOrThrow(ctx: ServiceContext, feedId: string): Promise<CalendarFeed> {
  const { db } = ctx;
  if (!isEntityId(feedId)) throw new NotFoundError("Flux calendrier", feedId);
  const [feed] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feedId)).limit(1);
  if (!feed) throw new NotFoundError("Flux calendrier", feedId);
  return feed;
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
    if (!(await claimFeed(ctx, { feedId, owner, leaseMs }))) throw new ConflictError(words("syncRunning"));
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
