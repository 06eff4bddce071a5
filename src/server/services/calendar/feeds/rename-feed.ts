import { and, eq } from "drizzle-orm";
import { calendarFeeds } from "../../../db/schema";
import { NotFoundError, ValidationError, words } from "../../../errors";
import { inTransaction, type ServiceContext } from "../../../service-context";
import { recordAudit } from "../../audit/audit.service";
import { AddCalendarFeedInput } from "./manage-feeds";
import { getOwnedListingOrThrow } from "./listing-access";
import { toFeedDto, type CalendarFeedDTO } from "./feed-dto";

/** A feed's label (« Airbnb », « Mon agenda »): shown, never used to group. The same label again writes nothing. */
export async function renameFeed(
  ctx: ServiceContext,
  input: { listingId: string; feedId: string; provider: string },
): Promise<CalendarFeedDTO> {
  const parsed = AddCalendarFeedInput.shape.provider.safeParse(input.provider);
  if (!parsed.success)
    throw new ValidationError(
      words("badPlatformName"),
      parsed.error.issues.map((i) => ({ path: "provider", message: i.message })),
    );
  return inTransaction(ctx, async (tx) => {
    await getOwnedListingOrThrow(tx, input.listingId);
    const [feed] = await tx.db
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.id, input.feedId), eq(calendarFeeds.listingId, input.listingId)))
      .for("update");
    if (!feed) throw new NotFoundError("Flux calendrier", input.feedId);
    if (feed.provider === parsed.data) return toFeedDto(feed);
    const [renamed] = await tx.db
      .update(calendarFeeds)
      .set({ provider: parsed.data, updatedAt: new Date() })
      .where(eq(calendarFeeds.id, feed.id))
      .returning();
    await recordAudit(tx, {
      action: "calendar_feed.renamed",
      entityType: "calendar_feed",
      entityId: feed.id,
      data: { listingId: feed.listingId, from: feed.provider, to: parsed.data },
    });
    return toFeedDto(renamed!);
  });
}
