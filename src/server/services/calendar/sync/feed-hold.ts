import { and, eq, gt, sql } from "drizzle-orm";
import { calendarFeeds, listings, providerRetryHints } from "../../../db/schema";
import type { ServiceContext } from "../../../service-context";

const asDate = (value: Date | string | null | undefined): Date | null =>
  value === null || value === undefined ? null : new Date(value);

/**
 * Until when one feed must wait, by the rule the worker's claim applies: its owner's Retry-After hint on the provider,
 * or the provider-wide hold (the minOwners-th latest hint in force). Null when it may be fetched now.
 */
export async function feedHoldUntil(
  ctx: ServiceContext,
  input: { feedId: string; now: Date; minOwners: number },
): Promise<Date | null> {
  const { db } = ctx;
  const { feedId, now, minOwners } = input;
  // One statement: the feed, its owner, and the provider's hints in force beside it.
  const [row] = await db
    .select({
      own: sql<
        Date | string | null
      >`max(${providerRetryHints.until}) filter (where ${providerRetryHints.ownerId} = ${listings.ownerId})`,
      wide: sql<
        Date | string | null
      >`(array_agg(${providerRetryHints.until} order by ${providerRetryHints.until} desc) filter (where ${providerRetryHints.until} is not null))[${minOwners}::int]`,
    })
    .from(calendarFeeds)
    .innerJoin(listings, eq(listings.id, calendarFeeds.listingId))
    .leftJoin(
      providerRetryHints,
      and(eq(providerRetryHints.providerKey, calendarFeeds.providerKey), gt(providerRetryHints.until, now)),
    )
    .where(eq(calendarFeeds.id, feedId))
    .groupBy(calendarFeeds.id, listings.ownerId);
  const times = [asDate(row?.own), asDate(row?.wide)].filter((time): time is Date => time !== null);
  return times.length ? new Date(Math.max(...times.map((time) => time.getTime()))) : null;
}
