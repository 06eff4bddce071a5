import { z } from "zod";
import { authorizeIntegration } from "../../actor";
import { ValidationError, words } from "../../errors";
import type { ServiceContext } from "../../service-context";
import {
  addCalendarFeed,
  getFeedOrThrow,
  removeCalendarFeed,
  renameFeed,
  replaceFeedLink,
  type CalendarFeedDTO,
  type SavedFeed,
} from "../calendar/calendar.service";
import { findListingByExternalId } from "./find-listing";

/** POST /api/v1/listings/{externalId}/feeds: the host's own add (the link checked, the same limits), for the platform. */
export async function addPlatformFeed(
  ctx: ServiceContext,
  input: { externalId: string; provider: unknown; url: unknown },
): Promise<SavedFeed> {
  authorizeIntegration(ctx.actor, "listings:write");
  const listing = await findListingByExternalId(ctx, input.externalId);
  return addCalendarFeed(ctx, { listingId: listing.id, provider: input.provider as string, url: input.url as string });
}

export const UpdateFeedBody = z
  .object({ provider: z.string().optional(), url: z.string().optional() })
  .strict()
  .refine((body) => body.provider !== undefined || body.url !== undefined, {
    message: "Rien à changer : donnez provider, url ou les deux.",
    path: ["provider"],
  });

/** PATCH /api/v1/feeds/{id}: a new label, a new link (checked as on add), or both. */
export async function updatePlatformFeed(
  ctx: ServiceContext,
  input: { feedId: string; body: unknown },
): Promise<{ feed: CalendarFeedDTO; linkCheck: SavedFeed["linkCheck"] | null }> {
  authorizeIntegration(ctx.actor, "listings:write");
  const parsed = UpdateFeedBody.safeParse(input.body);
  if (!parsed.success)
    throw new ValidationError(
      words("badBody"),
      parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    );
  const { listingId } = await getFeedOrThrow(ctx, input.feedId);
  let feed: CalendarFeedDTO | null = null;
  let linkCheck: SavedFeed["linkCheck"] | null = null;
  if (parsed.data.provider !== undefined)
    feed = await renameFeed(ctx, { listingId, feedId: input.feedId, provider: parsed.data.provider });
  if (parsed.data.url !== undefined)
    ({ feed, linkCheck } = await replaceFeedLink(ctx, { listingId, feedId: input.feedId, url: parsed.data.url }));
  return { feed: feed!, linkCheck };
}

/** DELETE /api/v1/feeds/{id}: the feed and its stays go; the listing's alert closes if what is left is healthy. */
export async function removePlatformFeed(ctx: ServiceContext, input: { feedId: string }): Promise<void> {
  authorizeIntegration(ctx.actor, "listings:write");
  const { listingId } = await getFeedOrThrow(ctx, input.feedId);
  await removeCalendarFeed(ctx, { listingId, feedId: input.feedId });
}
