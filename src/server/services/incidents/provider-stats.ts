import { and, eq, gte, sql } from "drizzle-orm";
import { calendarFeeds } from "../../db/schema";
import type { Database } from "../../db/database";

// Errors that are the host's URL or our own guard, not the provider's: they never count towards an incident.
export const NOT_PROVIDER_ERRORS: readonly string[] = ["INVALID_URL", "BLOCKED_ADDRESS"];

export interface ProviderFailureStats {
  /** Distinct feeds of the provider whose last sync in the window failed with an error that counts. */
  feedsFailing: number;
  listingsFailing: number;
  /** Distinct feeds of the provider synced in the window. */
  feedsSynced: number;
  errorCounts: Record<string, number>;
}

/** What the provider's feeds looked like over the window, from each feed's last sync (one range scan). */
export async function providerFailureStats(db: Database, providerKey: string, since: Date): Promise<ProviderFailureStats> {
  const counts = sql`${calendarFeeds.lastOutcome} = 'failure' and ${calendarFeeds.lastErrorType} not in (${sql.join(NOT_PROVIDER_ERRORS.map((type) => sql`${type}`), sql`, `)})`;
  const rows = await db
    .select({
      errorType: calendarFeeds.lastErrorType,
      failing: sql<number>`count(*) filter (where ${counts})::int`,
      listings: sql<string[]>`array_agg(distinct ${calendarFeeds.listingId}) filter (where ${counts})`,
      synced: sql<number>`count(*)::int`,
    })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.providerKey, providerKey), gte(calendarFeeds.lastAttemptAt, since)))
    .groupBy(calendarFeeds.lastErrorType);
  const stats: ProviderFailureStats = { feedsFailing: 0, listingsFailing: 0, feedsSynced: 0, errorCounts: {} };
  const listings = new Set<string>();
  for (const row of rows) {
    stats.feedsSynced += Number(row.synced);
    stats.feedsFailing += Number(row.failing);
    if (Number(row.failing) > 0 && row.errorType) stats.errorCounts[row.errorType] = Number(row.failing);
    for (const listing of row.listings ?? []) listings.add(listing);
  }
  stats.listingsFailing = listings.size;
  return stats;
}
