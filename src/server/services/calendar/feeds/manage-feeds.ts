import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { calendarFeeds, calendarSyncRuns, listings } from "../../../db/schema";
import type { Database } from "../../../db/database";
import { inTransaction, type ServiceContext } from "../../../service-context";
import { getConfig } from "../../../config";
import { lineText } from "../../../validation";
import { SecretDecryptionError } from "../../../crypto/secret-box";
import { logger } from "../../../logger";
import { localeOf } from "../../../actor";
import {
  ConflictError,
  FeedLinkRefusedError,
  isUniqueViolation,
  LimitReachedError,
  NotFoundError,
  TooSoonError,
  ValidationError,
  words,
} from "../../../errors";
import { recordAudit } from "../../audit/audit.service";
import { recordSyncOutcome } from "../../alerting/alerting.service";
import { FeedUrlInput, protectFeedUrl, revealFeedUrl } from "../feed-url";
import { getOwnedListingOrThrow } from "./listing-access";
import { toFeedDto, type CalendarFeedDTO } from "./feed-dto";
import { checkFeedLink, replayChecked, type LinkCheck } from "./check-feed-link";
import { admitLinkCheck, finishLinkCheck } from "./link-check-admission";
import type { FeedFetcher } from "../fetch/feed-fetcher";
import type { FeedBodyReader } from "../ical/feed-body-reader";
import { getDefaultBodyReader } from "../ical/default-body-reader";
import { getDefaultFetcher } from "../sync/default-fetcher";
import { getFeedOrThrow, syncFeed } from "../sync/sync-feed";
import { leaseDurationMs, takeLease } from "../sync/feed-lease";
import { feedHoldUntil } from "../sync/feed-hold";
import { toSyncRunDto, type SyncRunDTO } from "../sync/run-dto";
import { formatMessage } from "../../../shared/messages";

export interface SavedFeed {
  feed: CalendarFeedDTO;
  /** What the check on save found: the link works (and is synced), or the platform fails only for now. */
  linkCheck: { verdict: "works" | "transient"; message: string };
}

/** The context of a host's change, with the fetcher and parser a test can replace. */
type FeedContext = ServiceContext & { fetcher?: FeedFetcher; bodyReader?: FeedBodyReader };

/**
 * Checks the link, refusing it (nothing stored) when only the host can fix it. A host's checks are admitted by the
 * database first (HOST_LINK_SAVES_PER_HOUR, HOST_LINK_CHECKS_IN_FLIGHT): the app cannot be used to flood a server.
 */
async function checkOrRefuse(
  ctx: FeedContext,
  url: string,
  listing: { ownerId: string },
): Promise<Exclude<LinkCheck, { verdict: "refused" }>> {
  const { actor } = ctx;
  const { hostLimits, fetch, worker } = getConfig();
  // The platform's key adds links for a host: they count against that host's limits, as if the host had.
  const checkId =
    actor.role === "host" || actor.role === "api-key"
      ? await admitLinkCheck(ctx, {
          hostId: actor.role === "host" ? actor.id : listing.ownerId,
          limits: {
            savesPerHour: hostLimits.linkSavesPerHour,
            inFlight: hostLimits.linkChecksInFlight,
            leaseMs: fetch.timeoutMs + worker.parseTimeLimitMs + 10_000,
          },
          now: new Date(),
        })
      : null;
  try {
    const check = await checkFeedLink(
      url,
      ctx.fetcher ?? getDefaultFetcher(),
      ctx.bodyReader ?? getDefaultBodyReader(),
      localeOf(ctx.actor),
    );
    if (check.verdict === "refused") throw new FeedLinkRefusedError(check.message, check.errorType);
    return check;
  } finally {
    // A check that cannot be marked finished stops counting at its expiry; the check's own outcome is what the host gets.
    if (checkId)
      await finishLinkCheck(ctx, { checkId, now: new Date() }).catch((error: unknown) =>
        logger.warn({ err: error, checkId }, "link check could not be marked finished"),
      );
  }
}

/** The feed's URL in clear, or null when it cannot be read (a lost key): replacing the link is then the remedy. */
function storedUrlOf(feed: Parameters<typeof revealFeedUrl>[0]): string | null {
  const { encryptionKey, previousEncryptionKey } = getConfig();
  try {
    return revealFeedUrl(feed, encryptionKey, previousEncryptionKey);
  } catch (error) {
    if (error instanceof SecretDecryptionError) return null;
    throw error;
  }
}

const tooManyFeeds = (max: number) => new LimitReachedError(words("feedsPerListing", { max }), max);

async function countListingFeeds(db: Database, listingId: string): Promise<number> {
  const [row] = await db
    .select({ feeds: sql<number>`count(*)::int` })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.listingId, listingId));
  return Number(row?.feeds ?? 0);
}

/** After storing a checked link: a link that works is synced at once, so the host sees its first sync done. */
async function firstSync(
  ctx: FeedContext,
  feedId: string,
  check: Exclude<LinkCheck, { verdict: "refused" }>,
  recoveredBy?: "host-link",
): Promise<SavedFeed> {
  if (check.verdict === "works") {
    // The link is stored either way; if this first sync cannot run now (a worker holds the feed, the database
    // hiccups), the worker syncs it soon. The cause goes to the operators' log. It records what the check
    // downloaded and read: a save asks the platform once.
    await syncFeed(ctx, { feedId, ...replayChecked(check.checked), recoveredBy }).catch((error: unknown) =>
      logger.warn({ err: error, feedId }, "first sync after saving a link did not run"),
    );
  }
  const feed = toFeedDto(await getFeedOrThrow(ctx, feedId), localeOf(ctx.actor));
  const message =
    check.verdict === "works"
      ? `Lien vérifié : ${formatMessage("periodsImported", { count: check.events })}.`
      : check.message;
  return { feed, linkCheck: { verdict: check.verdict, message } };
}

export const AddCalendarFeedInput = z.object({
  provider: lineText().trim().min(1, "Le nom de la plateforme est obligatoire.").max(60),
  url: FeedUrlInput,
});
export type AddCalendarFeedInput = z.input<typeof AddCalendarFeedInput>;

export async function listListingFeeds(ctx: ServiceContext, listingId: string): Promise<CalendarFeedDTO[]> {
  await getOwnedListingOrThrow(ctx, listingId);
  const feeds = await ctx.db
    .select()
    .from(calendarFeeds)
    .where(eq(calendarFeeds.listingId, listingId))
    .orderBy(asc(calendarFeeds.createdAt));
  return feeds.map((feed) => toFeedDto(feed, localeOf(ctx.actor)));
}

/**
 * Adds a feed after checking its link with a real fetch and parse: a link only the host can fix is refused
 * (422, nothing stored); a link whose platform fails for now is stored with a warning; a working link is stored
 * and synced at once. URL encrypted at rest; the same URL twice on a listing is a conflict.
 */
export async function addCalendarFeed(
  ctx: FeedContext,
  input: AddCalendarFeedInput & { listingId: string },
): Promise<SavedFeed> {
  const { listingId } = input;
  const parsed = parseFeedToAdd(input);
  const listing = await getOwnedListingOrThrow(ctx, listingId);
  const { maxFeedsPerListing } = getConfig().hostLimits;
  // Refused before any fetch; the insert below counts again under the listing's lock, so a burst cannot pass.
  if ((await countListingFeeds(ctx.db, listingId)) >= maxFeedsPerListing) throw tooManyFeeds(maxFeedsPerListing);
  const check = await checkOrRefuse(ctx, parsed.url, listing);
  const feedId = await inTransaction(ctx, (tx) => storeCheckedFeed(tx, { listingId, ...parsed }));
  return firstSync(ctx, feedId, check);
}

/** A feed as the add takes it, validated: 400 with each field's message. */
export function parseFeedToAdd(input: { provider: unknown; url: unknown }): { provider: string; url: string } {
  const parsed = AddCalendarFeedInput.safeParse({ provider: input.provider, url: input.url });
  if (!parsed.success)
    throw new ValidationError(
      words("badFeed"),
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  return parsed.data;
}

/** The add's link check, for a file's first load that checks every link of a listing before writing any (the command line). */
export async function checkFeedToAdd(
  ctx: FeedContext,
  input: { url: string; ownerId: string },
): Promise<CheckedFeedLink> {
  return checkOrRefuse(ctx, input.url, { ownerId: input.ownerId });
}

export type CheckedFeedLink = Exclude<LinkCheck, { verdict: "refused" }>;

/**
 * Stores a checked link on the listing, in the caller's transaction (the listing locked, the feed cap counted again,
 * audited). The same link twice on a listing is a conflict.
 */
export async function storeCheckedFeed(
  ctx: ServiceContext,
  input: { listingId: string; provider: string; url: string },
): Promise<string> {
  const { listingId } = input;
  const { maxFeedsPerListing } = getConfig().hostLimits;
  try {
    // A savepoint: a refused link leaves the caller's transaction usable (a file's listing reports it and rolls back).
    return await ctx.db.transaction(async (tx) => {
      const txCtx = { db: tx as unknown as Database, actor: ctx.actor };
      await getOwnedListingOrThrow(txCtx, listingId);
      await tx.select({ id: listings.id }).from(listings).where(eq(listings.id, listingId)).for("update");
      if ((await countListingFeeds(txCtx.db, listingId)) >= maxFeedsPerListing) throw tooManyFeeds(maxFeedsPerListing);
      const [feed] = await tx
        .insert(calendarFeeds)
        .values({
          listingId,
          provider: input.provider,
          ...protectFeedUrl(input.url, getConfig().encryptionKey),
          nextSyncAt: new Date(),
        })
        .returning();
      await recordAudit(txCtx, {
        action: "calendar_feed.created",
        entityType: "calendar_feed",
        entityId: feed!.id,
        data: { listingId, provider: feed!.provider, url: feed!.urlMasked },
      });
      return feed!.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, "calendar_feeds_listing_url_key")) throw new ConflictError(words("feedDuplicate"));
    throw error;
  }
}

/** Whether the listing already imports this link (compared by its keyed fingerprint, never in clear). */
export async function listingHasFeedUrl(
  ctx: ServiceContext,
  input: { listingId: string; url: string },
): Promise<boolean> {
  const { urlFingerprint } = protectFeedUrl(input.url, getConfig().encryptionKey);
  const [row] = await ctx.db
    .select({ id: calendarFeeds.id })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.listingId, input.listingId), eq(calendarFeeds.urlFingerprint, urlFingerprint)))
    .limit(1);
  return row !== undefined;
}

/** After the commit that stored checked links: each that works is read at once (what its check downloaded). */
export async function syncCheckedFeed(
  ctx: FeedContext,
  input: { feedId: string; check: CheckedFeedLink },
): Promise<SavedFeed> {
  return firstSync(ctx, input.feedId, input.check);
}

export const ReplaceFeedLinkInput = z.object({ url: FeedUrlInput }).strict();
export type ReplaceFeedLinkInput = z.input<typeof ReplaceFeedLinkInput>;

/**
 * Replaces a feed's link, keeping the feed and its history, after the same check as on add. When the new link
 * works, the sync done at once closes the listing's alert if nothing else fails, as the host's new link (the alert's history says « lien remplacé par l'hôte »).
 */
export async function replaceFeedLink(
  ctx: FeedContext,
  input: ReplaceFeedLinkInput & { listingId: string; feedId: string },
): Promise<SavedFeed> {
  const { listingId, feedId } = input;
  const parsed = ReplaceFeedLinkInput.safeParse({ url: input.url });
  if (!parsed.success)
    throw new ValidationError(
      words("badLink"),
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  const listing = await getOwnedListingOrThrow(ctx, listingId);
  const existing = await getFeedOrThrow(ctx, feedId);
  if (existing.listingId !== listingId) throw new NotFoundError("Flux calendrier", feedId);
  if (storedUrlOf(existing) === parsed.data.url) {
    throw new ConflictError(words("sameLink"));
  }
  const check = await checkOrRefuse(ctx, parsed.data.url, listing);
  try {
    await inTransaction(ctx, async (txCtx) => {
      const [updated] = await txCtx.db
        .update(calendarFeeds)
        .set({
          ...protectFeedUrl(parsed.data.url, getConfig().encryptionKey),
          etag: null,
          lastModified: null,
          bodyHash: null,
          lastFullFetchAt: null,
          nextSyncAt: new Date(),
          updatedAt: new Date(),
        })
        .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.listingId, listingId)))
        .returning();
      if (!updated) throw new NotFoundError("Flux calendrier", feedId);
      await recordAudit(txCtx, {
        action: "calendar_feed.link_replaced",
        entityType: "calendar_feed",
        entityId: feedId,
        data: { listingId, from: existing.urlMasked, to: updated.urlMasked },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "calendar_feeds_listing_url_key")) throw new ConflictError(words("feedDuplicate"));
    throw error;
  }
  return firstSync(ctx, feedId, check, "host-link");
}

const HOST_SYNC_INTERVAL_MS = 60_000;

/** « Synchroniser maintenant » for the listing's owner: at most once a minute per feed, and never beside a running sync. */
export async function syncFeedNowForHost(
  ctx: FeedContext,
  input: { listingId: string; feedId: string },
): Promise<SyncRunDTO> {
  const { listingId, feedId } = input;
  const listing = await getOwnedListingOrThrow(ctx, listingId);
  const feed = await getFeedOrThrow(ctx, feedId);
  if (feed.listingId !== listingId) throw new NotFoundError("Flux calendrier", feedId);
  if (feed.pausedAt) throw new ConflictError(words("feedPaused"));
  const now = new Date();
  // The platform asked us to wait (this host's feeds, or everyone's): the host's button waits too. Support may override.
  const heldUntil = await feedHoldUntil(ctx, { feedId, now, minOwners: getConfig().incidents.holdMinOwners });
  if (heldUntil) {
    const wait = Math.max(1, Math.ceil((heldUntil.getTime() - now.getTime()) / 1000));
    throw new TooSoonError(
      words("providerAskedToWait", { waitSeconds: wait < 120 ? wait : 0, waitMinutes: Math.ceil(wait / 60) }),
      wait,
    );
  }
  const owner = `host:${ctx.actor.id ?? listing.ownerId}:${now.getTime()}`;
  const leaseMs = leaseDurationMs(getConfig().fetch.timeoutMs);
  // The minute is checked in the same statement that takes the feed, so two clicks cannot both pass.
  const notTriedThisMinute = sql`(${calendarFeeds.lastAttemptAt} is null or ${calendarFeeds.lastAttemptAt} < ${new Date(now.getTime() - HOST_SYNC_INTERVAL_MS)})`;
  const claimed = await takeLease(ctx, {
    where: and(eq(calendarFeeds.id, feedId), notTriedThisMinute)!,
    owner,
    leaseMs,
    now,
  });
  if (claimed.length === 0) {
    // Read a moment ago and read well (the check of a link just saved): that reading is the answer, not an error.
    const [fresh] = await ctx.db
      .select()
      .from(calendarSyncRuns)
      .where(
        and(
          eq(calendarSyncRuns.feedId, feedId),
          gt(calendarSyncRuns.startedAt, new Date(now.getTime() - HOST_SYNC_INTERVAL_MS)),
        ),
      )
      .orderBy(desc(calendarSyncRuns.startedAt))
      .limit(1);
    if (fresh && fresh.outcome !== "failure" && feed.leaseOwner === null)
      return toSyncRunDto(fresh, localeOf(ctx.actor));
    const wait = feed.lastAttemptAt
      ? Math.max(1, Math.ceil((feed.lastAttemptAt.getTime() + HOST_SYNC_INTERVAL_MS - now.getTime()) / 1000))
      : 60;
    throw new TooSoonError(words("justSynced", { seconds: wait }), wait);
  }
  const result = await syncFeed(ctx, { feedId, fetcher: ctx.fetcher, leaseOwner: owner, leaseMs });
  await recordAudit(ctx, {
    action: "calendar_feed.host_sync",
    entityType: "calendar_feed",
    entityId: feedId,
    data: { outcome: result.outcome },
  });
  return toSyncRunDto(result.run, localeOf(ctx.actor));
}

/** Removes a feed and its imported blocks; if the remaining feeds are healthy, the listing's alert closes. */
export async function removeCalendarFeed(
  ctx: ServiceContext,
  input: { listingId: string; feedId: string },
): Promise<void> {
  const { listingId, feedId } = input;
  await inTransaction(ctx, async (tx) => {
    await getOwnedListingOrThrow(tx, listingId);
    const [removed] = await tx.db
      .delete(calendarFeeds)
      .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.listingId, listingId)))
      .returning();
    if (!removed) throw new NotFoundError("Flux calendrier", feedId);
    await recordAudit(tx, {
      action: "calendar_feed.deleted",
      entityType: "calendar_feed",
      entityId: feedId,
      data: { listingId, provider: removed.provider, url: removed.urlMasked },
    });
    await recordSyncOutcome(tx, { kind: "feed-removed", listingId, feedId });
  });
}
