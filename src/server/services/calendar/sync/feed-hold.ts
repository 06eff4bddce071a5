import { and, eq, gt, sql } from "drizzle-orm";
import { calendarFeeds, listings, providerRetryHints } from "../../../db/schema";
import type { Database } from "../../../db/database";

const asDate = (value: Date | string | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));

/**
 * Until when one feed must wait, by the rule the worker's claim applies: its owner's Retry-After hint on the provider,
 * or the provider-wide hold (the minOwners-th latest hint in force). Null when it may be fetched now.
 */
export async function feedHoldUntil(db: Database, feedId: string, now: Date, minOwners: number): Promise<Date | null> {
  const [feed] = await db
    .select({ providerKey: calendarFeeds.providerKey, ownerId: listings.ownerId })
    .from(calendarFeeds)
    .innerJoin(listings, eq(listings.id, calendarFeeds.listingId))
    .where(eq(calendarFeeds.id, feedId));
  if (!feed) return null;
  const [row] = await db
    .select({
      own: sql<Date | string | null>`max(${providerRetryHints.until}) filter (where ${providerRetryHints.ownerId} = ${feed.ownerId})`,
      wide: sql<Date | string | null>`(array_agg(${providerRetryHints.until} order by ${providerRetryHints.until} desc))[${minOwners}::int]`,
    })
    .from(providerRetryHints)
    .where(and(eq(providerRetryHints.providerKey, feed.providerKey), gt(providerRetryHints.until, now)));
  const times = [asDate(row?.own), asDate(row?.wide)].filter((time): time is Date => time !== null);
  return times.length ? new Date(Math.max(...times.map((time) => time.getTime()))) : null;
}
