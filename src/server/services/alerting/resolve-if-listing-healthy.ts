import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { calendarFeeds } from "../../db/schema";
import { autoResolveForListing } from "../alerts/auto-resolve-for-listing";
import type { ServiceContext } from "../../service-context";
import { recordAlertResolved } from "./alert-events";

/**
 * Closes the listing's open alert once none of its feeds is failing, recording alert.resolved if it had escalated:
 * by recovery, or by the host's new link. Call it inside the transaction of the change.
 */
export async function resolveAlertIfListingHealthy(
  ctx: ServiceContext,
  input: { listingId: string; how?: "recovery" | "host-link"; note?: string },
): Promise<void> {
  const { listingId, note } = input;
  const [failing] = await ctx.db
    .select({ count: sql<number>`count(*)::int` })
    .from(calendarFeeds)
    .where(
      and(
        eq(calendarFeeds.listingId, listingId),
        gt(calendarFeeds.consecutiveFailures, 0),
        isNull(calendarFeeds.pausedAt),
      ),
    );
  if (Number(failing?.count ?? 0) !== 0) return;
  const resolved = await autoResolveForListing(ctx, { listingId, note });
  if (resolved) await recordAlertResolved(ctx, { alert: resolved, how: input.how ?? "recovery", by: null });
}
