import { sql } from "drizzle-orm";
import { calendarFeeds, listings, users } from "../server/db/schema";
import { withTransaction } from "../server/db/transaction";
import type { ServiceContext } from "../server/service-context";
import { hashPassword } from "../server/services/users/users.service";
import { getConfig } from "../server/config";
import { protectFeedUrl } from "../server/services/calendar/calendar.service";
import { DEMO_LISTINGS, DEMO_PASSWORD, DEMO_USERS, demoFeedUrl } from "./demo-data";

export interface SeedSummary {
  usersCreated: number;
  listingsCreated: number;
  feedsCreated: number;
}

/** Loads the demo accounts, listings and feeds; rows that already exist are left untouched. */
export async function seedDemoData(
  ctx: ServiceContext,
  options: { feedsBaseUrl: string; outageFeedsBaseUrl?: string },
): Promise<SeedSummary> {
  // The outage provider is the same demo server on another loopback address, so it is another provider.
  const outageBaseUrl = options.outageFeedsBaseUrl ?? options.feedsBaseUrl.replace("//127.0.0.1", "//127.0.0.2");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return withTransaction(ctx, async (tx) => {
    const createdUsers = await tx
      .insert(users)
      .values(DEMO_USERS.map((user) => ({ ...user, passwordHash })))
      .onConflictDoNothing()
      .returning({ id: users.id });

    // Listings of a demo host whose email was taken by a real account are skipped rather than misattributed.
    const existingOwners = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.id} in ${DEMO_USERS.map((user) => user.id)}`);
    const ownerIds = new Set(existingOwners.map((owner) => owner.id));
    const demoListings = DEMO_LISTINGS.filter((listing) => ownerIds.has(listing.ownerId));

    const createdListings = demoListings.length
      ? await tx
          .insert(listings)
          .values(demoListings.map(({ id, title, city, ownerId }) => ({ id, title, city, ownerId })))
          .onConflictDoNothing()
          .returning({ id: listings.id })
      : [];

    const feedRows = demoListings.flatMap((listing) =>
      listing.feeds.map((feed, index) => ({
        id: `${listing.id}-feed-${index + 1}`,
        listingId: listing.id,
        provider: feed.provider,
        ...protectFeedUrl(
          demoFeedUrl(
            feed.onOutageProvider ? outageBaseUrl : options.feedsBaseUrl,
            listing.id,
            feed.scenario,
            index + 1,
          ),
          getConfig().encryptionKey,
        ),
      })),
    );
    const createdFeeds = feedRows.length
      ? await tx.insert(calendarFeeds).values(feedRows).onConflictDoNothing().returning({ id: calendarFeeds.id })
      : [];

    return {
      usersCreated: createdUsers.length,
      listingsCreated: createdListings.length,
      feedsCreated: createdFeeds.length,
    };
  });
}
