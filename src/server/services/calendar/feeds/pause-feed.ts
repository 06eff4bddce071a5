import { and, eq, isNull, sql } from "drizzle-orm";
import { authorizeIntegration } from "../../../actor";
import { calendarFeeds } from "../../../db/schema";
import { NotFoundError } from "../../../errors";
import { inTransaction, type ServiceContext } from "../../../service-context";
import { isEntityId } from "../../../validation";
import { recordAudit } from "../../audit/audit.service";
import { recordSyncOutcome } from "../../alerting/alerting.service";
import { toFeedDto, type CalendarFeedDTO } from "./feed-dto";

/** The feed, locked for the change. */
async function lockPlatformFeed(ctx: ServiceContext, feedId: string) {
  if (!isEntityId(feedId)) throw new NotFoundError("Flux calendrier", feedId);
  const [feed] = await ctx.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feedId)).for("update");
  if (!feed) throw new NotFoundError("Flux calendrier", feedId);
  return feed;
}

/**
 * « En pause »: the feed is neither synced nor alerting until resumed; if it was the listing's only failing feed, the
 * listing's alert closes. Pausing a paused feed changes nothing (no row, no audit entry).
 */
export async function pauseFeed(ctx: ServiceContext, input: { feedId: string; now?: Date }): Promise<CalendarFeedDTO> {
  authorizeIntegration(ctx.actor, "listings:write");
  return inTransaction(ctx, async (tx) => {
    const feed = await lockPlatformFeed(tx, input.feedId);
    if (feed.pauseReason === "paused") return toFeedDto(feed);
    const now = input.now ?? new Date();
    // A feed its withdrawn listing had stopped becomes paused by hand: bringing the listing back leaves it paused.
    const [paused] = await tx.db
      .update(calendarFeeds)
      .set({ pausedAt: feed.pausedAt ?? now, pauseReason: "paused", updatedAt: now })
      .where(eq(calendarFeeds.id, feed.id))
      .returning();
    await recordAudit(tx, {
      action: "calendar_feed.paused",
      entityType: "calendar_feed",
      entityId: feed.id,
      data: { listingId: feed.listingId },
    });
    await recordSyncOutcome(tx, { kind: "feed-paused", listingId: feed.listingId, feedId: feed.id });
    return toFeedDto(paused!);
  });
}

/** Back to the schedule: synced at once by the next worker pass. A feed that is not paused by hand changes nothing. */
export async function resumeFeed(ctx: ServiceContext, input: { feedId: string; now?: Date }): Promise<CalendarFeedDTO> {
  authorizeIntegration(ctx.actor, "listings:write");
  return inTransaction(ctx, async (tx) => {
    const feed = await lockPlatformFeed(tx, input.feedId);
    if (feed.pauseReason !== "paused") return toFeedDto(feed);
    const now = input.now ?? new Date();
    const [resumed] = await tx.db
      .update(calendarFeeds)
      // The listing is withdrawn: the feed waits for it (archived), else it is due now.
      .set({
        pausedAt: sql`case when exists (select 1 from listings l where l.id = ${feed.listingId} and l.archived_at is not null) then ${calendarFeeds.pausedAt} end`,
        pauseReason: sql`case when exists (select 1 from listings l where l.id = ${feed.listingId} and l.archived_at is not null) then 'archived' end`,
        nextSyncAt: now,
        updatedAt: now,
      })
      .where(eq(calendarFeeds.id, feed.id))
      .returning();
    await recordAudit(tx, {
      action: "calendar_feed.resumed",
      entityType: "calendar_feed",
      entityId: feed.id,
      data: { listingId: feed.listingId },
    });
    return toFeedDto(resumed!);
  });
}

/** A withdrawn listing's feeds stop (`archived`); those already paused by hand keep their reason. In the archive's transaction. */
export async function stopFeedsOfListing(
  ctx: ServiceContext,
  input: { listingId: string; now: Date },
): Promise<number> {
  const stopped = await ctx.db
    .update(calendarFeeds)
    .set({ pausedAt: input.now, pauseReason: "archived", updatedAt: input.now })
    .where(and(eq(calendarFeeds.listingId, input.listingId), isNull(calendarFeeds.pausedAt)))
    .returning({ id: calendarFeeds.id });
  return stopped.length;
}
