import type { SyncErrorType } from "../../shared/sync-error-types";
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { calendarFeeds, listings } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { maskFeedUrl } from "../../shared/mask-url";
import { executeNamed } from "../../db/prepared-statement";

export interface FeedWarningDTO {
  feedId: string;
  provider: string;
  url: string;
  listing: { id: string; title: string };
  errorType: SyncErrorType;
  message: string | null;
  since: string;
  eventCountBefore: number | null;
}

/** Feeds that suddenly came back empty: their stays are kept until confirmed, and support should check with the host. */
export async function listFeedWarnings(ctx: ServiceContext, input: { limit?: number } = {}): Promise<FeedWarningDTO[]> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const { db } = ctx;
  const rows = await executeNamed(
    db,
    "list_feed_warnings",
    db
      .select({ feed: calendarFeeds, listingTitle: listings.title })
      .from(calendarFeeds)
      .innerJoin(listings, eq(listings.id, calendarFeeds.listingId))
      .where(
        and(
          isNotNull(calendarFeeds.emptySince),
          eq(calendarFeeds.lastErrorType, "FEED_SUDDENLY_EMPTY"),
          isNull(calendarFeeds.pausedAt),
        ),
      )
      .orderBy(asc(calendarFeeds.emptySince))
      .limit(input.limit ?? 50),
  );
  return rows.map(({ feed, listingTitle }) => ({
    feedId: feed.id,
    provider: feed.provider,
    url: maskFeedUrl(feed.urlMasked),
    listing: { id: feed.listingId, title: listingTitle },
    errorType: feed.lastErrorType!,
    message: feed.lastErrorMessage,
    since: feed.emptySince!.toISOString(),
    eventCountBefore: feed.eventCount,
  }));
}
