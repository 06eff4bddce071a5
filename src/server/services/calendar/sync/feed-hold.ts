import { eq } from "drizzle-orm";
import { calendarFeeds, listings } from "../../../db/schema";
import type { ServiceContext } from "../../../service-context";
import { providerHoldUntil } from "../../incidents/incidents.service";

/**
 * Until when one feed must wait, by the rule the worker's claim applies: its owner's Retry-After hint on the provider,
 * or the provider-wide hold. Null when it may be fetched now (or the feed is gone).
 */
export async function feedHoldUntil(
  ctx: ServiceContext,
  input: { feedId: string; now: Date; minOwners: number },
): Promise<Date | null> {
  const [feed] = await ctx.db
    .select({ providerKey: calendarFeeds.providerKey, ownerId: listings.ownerId })
    .from(calendarFeeds)
    .innerJoin(listings, eq(listings.id, calendarFeeds.listingId))
    .where(eq(calendarFeeds.id, input.feedId));
  if (!feed?.providerKey) return null;
  return providerHoldUntil(ctx, {
    providerKey: feed.providerKey,
    ownerId: feed.ownerId,
    now: input.now,
    minOwners: input.minOwners,
  });
}
