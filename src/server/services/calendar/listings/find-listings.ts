import { sql } from "drizzle-orm";
import { queryRows } from "../../../db/query-rows";
import { textList } from "../../../db/text-list";
import type { ServiceContext } from "../../../service-context";

export interface ListingByExternalId {
  id: string;
  external_id: string;
  title: string;
  archived: boolean;
}

/** The listings the platform knows by these ids (archived ones included), optionally locked for the transaction. */
export async function findListingsByExternalIds(
  ctx: ServiceContext,
  externalIds: string[],
  options: { lock?: boolean } = {},
): Promise<ListingByExternalId[]> {
  return queryRows<ListingByExternalId & Record<string, unknown>>(
    ctx.db,
    sql`select id, external_id, title, archived_at is not null as archived from listings
        where external_id = any(${textList([...new Set(externalIds)])}) ${options.lock ? sql`for update` : sql``}`,
  );
}

/** Marks a listing withdrawn from the platform at `now` (its feeds are stopped by stopFeedsOfListing). */
export async function markListingArchived(ctx: ServiceContext, input: { listingId: string; now: Date }): Promise<void> {
  await ctx.db.execute(
    sql`update listings set archived_at = ${input.now}, updated_at = ${input.now} where id = ${input.listingId}`,
  );
}

/**
 * The listings of these platform ids as JSON (id, external_id, title, city, time_zone, owner_id, archived), for a
 * select list: one index lookup per id (offset 0 fences them), a thousand ids against a table of any size.
 */
export function listingsByExternalIdsJson(externalIds: string[]) {
  return sql`(select json_agg(json_build_object('id', l.id, 'external_id', l.external_id, 'title', l.title, 'city', l.city, 'time_zone', l.time_zone,
      'owner_id', l.owner_id, 'archived', l.archived_at is not null))
    from (${textList(externalIds)}) v(value)
      cross join lateral (select * from listings where listings.external_id = v.value and listings.external_id is not null offset 0) l)`;
}

/**
 * The listings' part of the platform's upsert statement, as CTEs over `input(external_id, title, city, time_zone,
 * owner_id, new_id)`: `before` (each listing as it was), `written` (inserted or changed rows: id, external_id,
 * inserted; a row the same as sent is left alone). Restoring an archived one clears archived_at.
 */
export const LISTING_UPSERT_CTES = `before as (
          -- One index lookup per item, fenced by offset 0: the planner cannot tell how few rows the JSON holds.
          select l.external_id, l.archived_at is not null as archived, l.owner_id
          from input i cross join lateral (select * from listings where listings.external_id = i.external_id and listings.external_id is not null offset 0) l
        ), written as (
          insert into listings as l (id, external_id, title, city, time_zone, owner_id)
          select i.new_id, i.external_id, i.title, i.city, i.time_zone, i.owner_id from input i
          on conflict (external_id) where external_id is not null do update set
            title = excluded.title, city = excluded.city, time_zone = excluded.time_zone, owner_id = excluded.owner_id, archived_at = null, updated_at = now()
          where (l.title, l.city, l.time_zone, l.owner_id, l.archived_at) is distinct from (excluded.title, excluded.city, excluded.time_zone, excluded.owner_id, null)
          returning l.id, l.external_id, (l.xmax = 0) as inserted
        )`;

/**
 * A CTE for that statement, over `described(id, restored)`: the feeds a listing's archive stopped sync again at once
 * when the platform brings it back (those paused by hand stay paused).
 */
export const RESUME_RESTORED_FEEDS_CTE = `resumed as (
          update calendar_feeds set paused_at = null, pause_reason = null, next_sync_at = now(), updated_at = now()
          where pause_reason = 'archived' and listing_id in (select id from described where restored)
        )`;
