import { eq } from "drizzle-orm";
import { calendarFeeds, listings, users } from "../../db/schema";
import { NotFoundError } from "../../errors";
import type { ServiceContext } from "../../service-context";
import type { SyncErrorType } from "../../shared/sync-error-types";
import type { HostNoticeFacts } from "../events/events.service";

/** What a host notice about a feed says, and to whom: the feed, its listing and its host, read together. */
export async function readHostNoticeFacts(
  ctx: ServiceContext,
  input: { feedId: string; errorType: SyncErrorType },
): Promise<HostNoticeFacts> {
  const [row] = await ctx.db
    .select({
      listingTitle: listings.title,
      hostName: users.name,
      hostEmail: users.email,
      hostLocale: users.locale,
      providerKey: calendarFeeds.providerKey,
      feedLabel: calendarFeeds.provider,
      lastSuccessAt: calendarFeeds.lastSuccessAt,
    })
    .from(calendarFeeds)
    .innerJoin(listings, eq(listings.id, calendarFeeds.listingId))
    .innerJoin(users, eq(users.id, listings.ownerId))
    .where(eq(calendarFeeds.id, input.feedId))
    .limit(1);
  if (!row) throw new NotFoundError("Flux calendrier", input.feedId);
  const { lastSuccessAt, ...facts } = row;
  return { ...facts, everRead: lastSuccessAt !== null, errorType: input.errorType };
}
