import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { calendarFeeds } from "../../../db/schema";
import { resolveDb, withTransaction, type ServiceContext } from "../../../db/transaction";
import { getConfig } from "../../../config";
import { ConflictError, isUniqueViolation, NotFoundError, ValidationError } from "../../../errors";
import { recordAudit } from "../../audit/record-audit";
import { resolveAlertIfListingHealthy } from "../../alerting/resolve-if-listing-healthy";
import { FeedUrlInput, protectFeedUrl } from "../feed-url";
import { getOwnedListingOrThrow, type Actor } from "./listing-access";
import { toFeedDto, type CalendarFeedDTO } from "./feed-dto";

export const AddCalendarFeedInput = z.object({
  provider: z.string().trim().min(1, "Le nom de la plateforme est obligatoire.").max(60),
  url: FeedUrlInput,
});
export type AddCalendarFeedInput = z.input<typeof AddCalendarFeedInput>;

export async function listListingFeeds(listingId: string, actor: Actor, ctx?: ServiceContext): Promise<CalendarFeedDTO[]> {
  const db = await resolveDb(ctx);
  await getOwnedListingOrThrow(db, listingId, actor);
  const feeds = await db.select().from(calendarFeeds).where(eq(calendarFeeds.listingId, listingId)).orderBy(asc(calendarFeeds.createdAt));
  return feeds.map(toFeedDto);
}

/** Adds a feed (URL encrypted at rest, due for sync at once); the same URL twice on a listing is a conflict. */
export async function addCalendarFeed(listingId: string, input: AddCalendarFeedInput, actor: Actor, ctx?: ServiceContext): Promise<CalendarFeedDTO> {
  const parsed = AddCalendarFeedInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("Flux calendrier invalide.", parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  try {
    return await withTransaction(ctx, async (tx) => {
      await getOwnedListingOrThrow(tx, listingId, actor);
      const [feed] = await tx
        .insert(calendarFeeds)
        .values({ listingId, provider: parsed.data.provider, ...protectFeedUrl(parsed.data.url, getConfig().encryptionKey), nextSyncAt: new Date() })
        .returning();
      await recordAudit(tx, { actorId: actor.id, action: "calendar_feed.created", entityType: "calendar_feed", entityId: feed!.id, data: { listingId, provider: feed!.provider, url: feed!.urlMasked } });
      return toFeedDto(feed!);
    });
  } catch (error) {
    if (isUniqueViolation(error, "calendar_feeds_listing_url_key")) throw new ConflictError("Ce calendrier est déjà importé pour cette annonce.");
    throw error;
  }
}

/** Removes a feed and its imported blocks; if the remaining feeds are healthy, the listing's alert closes. */
export async function removeCalendarFeed(listingId: string, feedId: string, actor: Actor, ctx?: ServiceContext): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    await getOwnedListingOrThrow(tx, listingId, actor);
    const [removed] = await tx
      .delete(calendarFeeds)
      .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.listingId, listingId)))
      .returning();
    if (!removed) throw new NotFoundError("Flux calendrier", feedId);
    await recordAudit(tx, { actorId: actor.id, action: "calendar_feed.deleted", entityType: "calendar_feed", entityId: feedId, data: { listingId, provider: removed.provider, url: removed.urlMasked } });
    await resolveAlertIfListingHealthy(tx, listingId);
  });
}
