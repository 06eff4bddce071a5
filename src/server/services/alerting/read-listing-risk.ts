import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";

const riskStatement = preparedStatement(
  "listing_risk_v2",
  `select (select title from listings where id = $1::text) as title,
          array(select distinct lower(f.provider_key) from calendar_feeds f
                where f.listing_id = $1::text and f.consecutive_failures > 0 order by 1) as providers,
          (select to_char(min(b.starts_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from calendar_blocks b
            where b.listing_id = $1::text and b.starts_at >= now() and b.starts_at < now() + interval '7 days') as next_arrival`,
);

/**
 * What an alert's events say of its listing: its title, the providers of its failing feeds (channels limited to some providers
 * hear of theirs) and its next arrival within 7 days, the arrival at risk. One statement.
 */
export async function readListingRisk(
  ctx: ServiceContext,
  listingId: string,
): Promise<{ title: string; failingProviders: string[]; nextArrivalAt: string | null }> {
  const [row] = await runPrepared<{ title: string | null; providers: string[]; next_arrival: string | null }>(
    ctx.db,
    riskStatement,
    [listingId],
  );
  return {
    // The id names the listing if it ever were gone.
    title: row?.title ?? listingId,
    failingProviders: row?.providers ?? [],
    nextArrivalAt: row?.next_arrival ?? null,
  };
}
