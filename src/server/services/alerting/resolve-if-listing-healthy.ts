import { and, eq, gt, sql } from "drizzle-orm";
import { calendarFeeds } from "../../db/schema";
import type { Database } from "../../db/database";
import { autoResolveForListing } from "../alerts/auto-resolve-for-listing";

/** Closes the listing's open alert once none of its feeds is failing. Call it inside the transaction of the change. */
export async function resolveAlertIfListingHealthy(db: Database, listingId: string, note?: string): Promise<void> {
  const [failing] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.listingId, listingId), gt(calendarFeeds.consecutiveFailures, 0)));
  if (Number(failing?.count ?? 0) === 0) await autoResolveForListing(listingId, { db, note });
}
