import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";

const feedsStatement = preparedStatement(
  "listing_feeds_state_v1",
  `select (select max(f.consecutive_failures) from calendar_feeds f where f.listing_id = $1::text
             and not exists (select 1 from provider_incidents i where i.provider_key = f.provider_key and i.status = 'open')) as outside,
          (select json_build_object('failures', f.consecutive_failures, 'provider', f.provider) from calendar_feeds f
            where f.listing_id = $1::text and f.consecutive_failures > 0 order by f.consecutive_failures desc limit 1) as worst`,
);

export interface ListingFeedsState {
  /** The most consecutive failures of a feed no open provider incident covers (0 if none fails). */
  failuresOutsideIncident: number;
  /** The feed failing the most times in a row, with its provider's label (null if none fails). */
  worst: { failures: number; provider: string } | null;
}

/** How a listing's feeds fail, as the policy weighs an escalation: one statement. */
export async function readListingFeeds(ctx: ServiceContext, listingId: string): Promise<ListingFeedsState> {
  const rows = await runPrepared<{ outside: number | null; worst: { failures: number; provider: string } | null }>(
    ctx.db,
    feedsStatement,
    [listingId],
  );
  const row = rows[0];
  return { failuresOutsideIncident: Number(row?.outside ?? 0), worst: row?.worst ?? null };
}

const failingStatement = preparedStatement(
  "listing_failing_feeds_v2",
  `select (select count(*) from calendar_feeds where listing_id = $1::text and consecutive_failures > 0 and paused_at is null)
        + (select count(*) from export_links where listing_id = $1::text and stale_since is not null) as failing`,
);

/**
 * How many of the listing's calendars are failing: its feeds (paused ones left out) and its export links no longer
 * read. None, and its alert may resolve.
 */
export async function countFailingFeeds(ctx: ServiceContext, listingId: string): Promise<number> {
  const [row] = await runPrepared<{ failing: number }>(ctx.db, failingStatement, [listingId]);
  return Number(row?.failing ?? 0);
}

const ownerStatement = preparedStatement("listing_owner_v1", `select owner_id from listings where id = $1::text`);

/** The listing's host (null if the listing is gone). */
export async function readListingOwner(ctx: ServiceContext, listingId: string): Promise<string | null> {
  const [row] = await runPrepared<{ owner_id: string }>(ctx.db, ownerStatement, [listingId]);
  return row?.owner_id ?? null;
}
