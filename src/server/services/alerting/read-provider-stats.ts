import { and, eq, gte, sql } from "drizzle-orm";
import { calendarFeeds, listings } from "../../db/schema";
import { HOST_FIXABLE_TYPES } from "../../shared/sync-error-types";
import type { ServiceContext } from "../../service-context";
import type { ProviderFailureStats } from "../incidents/incidents.service";

/** What the provider's feeds looked like over the window, from each feed's last sync, per owner (one range scan). */
export async function providerFailureStats(
  ctx: ServiceContext,
  input: { providerKey: string; since: Date; maxFeedsPerOwner: number },
): Promise<ProviderFailureStats> {
  const { db } = ctx;
  const { providerKey, since, maxFeedsPerOwner } = input;
  // The host's own errors (404, 403, a page instead of a calendar, a blocked address…) never count: a host switching
  // its own feeds to 404 opens nothing.
  const counts = sql`${calendarFeeds.lastOutcome} = 'failure' and ${calendarFeeds.lastErrorType} not in (${sql.join(
    HOST_FIXABLE_TYPES.map((type) => sql`${type}`),
    sql`, `,
  )})`;
  const rows = await db
    .select({
      ownerId: listings.ownerId,
      errorType: calendarFeeds.lastErrorType,
      failing: sql<number>`count(*) filter (where ${counts})::int`,
      listings: sql<string[]>`array_agg(distinct ${calendarFeeds.listingId}) filter (where ${counts})`,
      synced: sql<number>`count(*)::int`,
    })
    .from(calendarFeeds)
    .innerJoin(listings, eq(listings.id, calendarFeeds.listingId))
    .where(and(eq(calendarFeeds.providerKey, providerKey), gte(calendarFeeds.lastAttemptAt, since)))
    .groupBy(listings.ownerId, calendarFeeds.lastErrorType);
  const stats: ProviderFailureStats = {
    feedsFailing: 0,
    listingsFailing: 0,
    feedsSynced: 0,
    errorCounts: {},
    ownersFailing: 0,
    countedFailing: 0,
    countedSynced: 0,
  };
  const listingIds = new Set<string>();
  const perOwner = new Map<string, { failing: number; synced: number }>();
  for (const row of rows) {
    const failing = Number(row.failing);
    stats.feedsSynced += Number(row.synced);
    stats.feedsFailing += failing;
    if (failing > 0 && row.errorType)
      stats.errorCounts[row.errorType] = (stats.errorCounts[row.errorType] ?? 0) + failing;
    for (const listing of row.listings ?? []) listingIds.add(listing);
    const owner = perOwner.get(row.ownerId) ?? { failing: 0, synced: 0 };
    owner.failing += failing;
    owner.synced += Number(row.synced);
    perOwner.set(row.ownerId, owner);
  }
  stats.listingsFailing = listingIds.size;
  for (const owner of perOwner.values()) {
    if (owner.failing > 0) stats.ownersFailing++;
    stats.countedFailing += Math.min(owner.failing, maxFeedsPerOwner);
    stats.countedSynced += Math.min(owner.synced, maxFeedsPerOwner);
  }
  return stats;
}
