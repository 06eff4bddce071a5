import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { bookingConflicts, calendarFeeds, listings } from "../../db/schema";
import { hostConflictMessage } from "../../shared/conflict-words";
import { PLATFORM_FEED_ID } from "../../shared/platform-source";
import type { ServiceContext } from "../../service-context";
import { authorizeViewer, localeOf } from "../../actor";
import { hostGuidance, type HostGuidance } from "../../shared/host-guidance";
import { isHostFixable } from "../../shared/sync-error-types";
import { maskFeedUrl } from "../../shared/mask-url";

export interface HostFeedView {
  id: string;
  label: string;
  platform: string;
  /** Masked: the token never leaves the server. */
  link: string;
  state: "ok" | "failing" | "empty" | "new" | "paused";
  /** Since when it fails (first failure of the current run) or is empty. */
  since: string | null;
  lastSuccessAt: string | null;
  nextSyncAt: string;
  /** When broken in a way only the host can fix: the same explanation and steps as the notice. */
  guidance: HostGuidance | null;
  /** A failure that is the platform's, for now: nothing to do. */
  transientProblem: boolean;
}

/** A double booking of the host's listing, in plain words: the nights and the two platforms. */
export interface HostConflictView {
  id: string;
  certain: boolean;
  /** « Deux réservations se chevauchent du 12 au 14 décembre : Airbnb et Vrbo. Contactez le support ou l'un des voyageurs dès maintenant. » */
  message: string;
}

export interface HostListingView {
  id: string;
  title: string;
  city: string;
  feeds: HostFeedView[];
  conflicts: HostConflictView[];
}

/** « Mes calendriers »: the viewer's own listings and their feeds, in words. Only hosts, only their listings. */
export async function listHostCalendars(ctx: ServiceContext): Promise<HostListingView[]> {
  const viewer = authorizeViewer(ctx.actor, ["host"]);
  const locale = localeOf(viewer);
  const { db } = ctx;
  const owned = await db
    .select()
    .from(listings)
    .where(and(eq(listings.ownerId, viewer.id), isNull(listings.archivedAt)))
    .orderBy(asc(listings.title));
  if (owned.length === 0) return [];
  const feeds = await db
    .select()
    .from(calendarFeeds)
    .where(
      inArray(
        calendarFeeds.listingId,
        owned.map((listing) => listing.id),
      ),
    )
    .orderBy(asc(calendarFeeds.createdAt));
  const conflicts = await db
    .select()
    .from(bookingConflicts)
    .where(
      and(
        inArray(
          bookingConflicts.listingId,
          owned.map((listing) => listing.id),
        ),
        eq(bookingConflicts.status, "open"),
      ),
    )
    .orderBy(asc(bookingConflicts.firstNight));
  return owned.map((listing) => ({
    id: listing.id,
    title: listing.title,
    city: listing.city,
    conflicts: conflicts
      .filter((conflict) => conflict.listingId === listing.id)
      // The platform's own guest double-booked first.
      .sort(
        (a, b) =>
          Number(b.feedAId === PLATFORM_FEED_ID || b.feedBId === PLATFORM_FEED_ID) -
          Number(a.feedAId === PLATFORM_FEED_ID || a.feedBId === PLATFORM_FEED_ID),
      )
      .map((conflict) => ({
        id: conflict.id,
        certain: conflict.certainty === "certain",
        message: hostConflictMessage({ ...conflict, providers: [conflict.providerA, conflict.providerB] }, locale),
      })),
    feeds: feeds
      .filter((feed) => feed.listingId === listing.id)
      .map((feed): HostFeedView => {
        const paused = feed.pausedAt !== null;
        const failing = !paused && feed.consecutiveFailures > 0;
        const empty = !paused && !failing && feed.emptySince !== null;
        const fixable = failing && isHostFixable(feed.lastErrorType);
        return {
          id: feed.id,
          label: feed.provider,
          platform: hostGuidance(feed.providerKey, "UNEXPECTED_ERROR", locale).platform,
          link: maskFeedUrl(feed.urlMasked),
          state: paused ? "paused" : failing ? "failing" : empty ? "empty" : feed.lastAttemptAt ? "ok" : "new",
          since: failing
            ? (feed.lastSuccessAt ?? feed.createdAt).toISOString()
            : empty
              ? feed.emptySince!.toISOString()
              : null,
          lastSuccessAt: feed.lastSuccessAt?.toISOString() ?? null,
          nextSyncAt: feed.nextSyncAt.toISOString(),
          guidance:
            fixable || empty
              ? hostGuidance(feed.providerKey, empty ? "FEED_SUDDENLY_EMPTY" : feed.lastErrorType!, locale)
              : null,
          transientProblem: failing && !fixable,
        };
      }),
  }));
}
