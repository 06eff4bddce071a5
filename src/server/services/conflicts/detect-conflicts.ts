import { AUDIT_INSERT } from "../audit/audit.service";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ConflictCertainty } from "../../db/schema";
import { inTransaction, systemContext, type ServiceContext } from "../../service-context";
import { recordEvent } from "../events/events.service";
import type { Database } from "../../db/database";
import { StatementBatcher } from "../../db/statement-batcher";
import {
  conflictCertaintySql,
  platformStaysSql,
  sharedFirstNightSql,
  sharedLastNightSql,
  stayNightsSql,
} from "./stay-overlap-sql";

/** A conflict this detection opened (nobody is told yet: alerting/confirm-booking-conflicts.ts gives it its second look). */
export interface OpenedConflict {
  id: string;
  listingId: string;
  certainty: ConflictCertainty;
  /** YYYY-MM-DD, in the listing's time zone. */
  firstNight: string;
  lastNight: string;
  nights: number;
  providers: [string, string];
  arrivedAfterHours: number | null;
}

const NIGHTS = stayNightsSql({ startsAt: "b.starts_at", endsAt: "b.ends_at", allDay: "b.all_day" }, "listing.zone");
const M = { kind: "m.kind", firstNight: "m.first_night", lastNight: "m.last_night" };
const T = { kind: "t.kind", firstNight: "t.first_night", lastNight: "t.last_night" };

/**
 * One statement for a batch of freshly imported feeds: each feed's stays against its listing's other feeds'.
 * - Two stays sharing a night not yet passed are a conflict: certain when both are reservations; probable when one is
 *   a reservation and the other not told apart, unless their nights are the same (the echo of one stay imported
 *   back by the other platform). A block, or two unknowns, is nothing.
 * - Opened on the partial unique index (one open conflict per pair of stays), so two workers importing a listing's two
 *   feeds at once open one; an open conflict whose stays moved keeps its row, with the new nights.
 * - A pair support dismissed is not raised again with the same dates.
 * - An open conflict of an imported feed whose overlap is gone (a stay cancelled, dates changed) resolves by itself;
 *   one whose nights have all passed stays for support to close.
 * - Opening and resolving are audited in the same statement.
 * It runs after the imports committed: of two workers importing a listing's two feeds at once, the one that committed
 * second reads the other's stays (its statement starts after both commits).
 */
const detectStatement = preparedStatement(
  "detect_booking_conflicts_v6",
  `with imported as (
     select i.listing_id, i.feed_id, i.now, i.arrived from json_to_recordset($1::json) as i(listing_id text, feed_id text, now timestamptz, arrived integer)
   ), listing as (
     -- Lateral lookups, fenced by offset 0: the planner cannot tell how few rows the batch has, and would otherwise scan
     -- whole tables to hash them (80,000 blocks for 8 imports in a measured plan).
     select distinct on (l.id) l.id, l.time_zone as zone, i.now, (i.now at time zone l.time_zone)::date as today
     from imported i
     cross join lateral (select * from listings where listings.id = i.listing_id offset 0) l
     order by l.id, i.now desc
   ), stays as (
     select b.listing_id, b.feed_id, f.provider, b.uid, b.kind, b.starts_at, b.ends_at, ${NIGHTS.firstNight} as first_night, ${NIGHTS.lastNight} as last_night
     from listing
     cross join lateral (
       select * from calendar_blocks where calendar_blocks.listing_id = listing.id and calendar_blocks.kind <> 'blocked' and calendar_blocks.ends_at > listing.now - interval '2 days'
       offset 0
     ) b
     cross join lateral (select provider from calendar_feeds where calendar_feeds.id = b.feed_id and calendar_feeds.paused_at is null offset 0) f
     union all
     -- The platform's own confirmed reservations: one more source of the listing's stays, never fetched.
     select p.listing_id, p.feed_id, p.provider, p.uid, p.kind, p.starts_at, p.ends_at, p.first_night, p.last_night
     from listing cross join lateral (${platformStaysSql("listing.id", "listing.today")}) p
   ), pairs as (
     select m.listing_id, i.arrived, listing.now,
       m.feed_id as m_feed, m.provider as m_provider, m.uid as m_uid, m.kind as m_kind, m.starts_at as m_starts, m.ends_at as m_ends,
       t.feed_id as t_feed, t.provider as t_provider, t.uid as t_uid, t.kind as t_kind, t.starts_at as t_starts, t.ends_at as t_ends,
       ${sharedFirstNightSql(M, T, "listing.today")} as from_night, ${sharedLastNightSql(M, T)} as to_night,
       ${conflictCertaintySql(M, T)} as certainty
     from imported i
     join stays m on m.feed_id = i.feed_id and m.listing_id = i.listing_id
     join stays t on t.listing_id = m.listing_id and t.feed_id <> m.feed_id and m.first_night <= t.last_night and t.first_night <= m.last_night
     join listing on listing.id = m.listing_id
   ), found as (
     select listing_id, arrived, now, m_feed as a_feed, m_provider as a_provider, m_uid as a_uid, m_kind as a_kind, m_starts as a_starts, m_ends as a_ends,
       t_feed as b_feed, t_provider as b_provider, t_uid as b_uid, t_kind as b_kind, t_starts as b_starts, t_ends as b_ends, from_night, to_night, certainty
     from pairs where certainty is not null and from_night <= to_night and m_feed < t_feed
     union all
     select listing_id, arrived, now, t_feed, t_provider, t_uid, t_kind, t_starts, t_ends, m_feed, m_provider, m_uid, m_kind, m_starts, m_ends, from_night, to_night, certainty
     from pairs where certainty is not null and from_night <= to_night and t_feed < m_feed
   ), sided as (
     -- Both feeds of a listing imported in one batch find each pair twice: once.
     select distinct on (listing_id, a_feed, a_uid, b_feed, b_uid) * from found
     order by listing_id, a_feed, a_uid, b_feed, b_uid, arrived desc nulls last
   ), opened as (
     insert into booking_conflicts as c (id, listing_id, certainty, feed_a_id, uid_a, provider_a, kind_a, starts_at_a, ends_at_a,
       feed_b_id, uid_b, provider_b, kind_b, starts_at_b, ends_at_b, first_night, last_night, nights, arrived_after_hours, detected_at)
     select 'c' || replace(gen_random_uuid()::text, '-', ''), s.listing_id, s.certainty, s.a_feed, s.a_uid, s.a_provider, s.a_kind, s.a_starts, s.a_ends,
       s.b_feed, s.b_uid, s.b_provider, s.b_kind, s.b_starts, s.b_ends, s.from_night, s.to_night, s.to_night - s.from_night + 1, s.arrived, s.now
     from sided s
     where not exists (
       select 1 from booking_conflicts d
       where d.status = 'dismissed' and d.listing_id = s.listing_id and d.feed_a_id = s.a_feed and d.uid_a = s.a_uid and d.feed_b_id = s.b_feed and d.uid_b = s.b_uid
         and d.starts_at_a = s.a_starts and d.ends_at_a = s.a_ends and d.starts_at_b = s.b_starts and d.ends_at_b = s.b_ends)
     on conflict (listing_id, feed_a_id, uid_a, feed_b_id, uid_b) where status = 'open' do update set
       certainty = excluded.certainty, kind_a = excluded.kind_a, kind_b = excluded.kind_b,
       starts_at_a = excluded.starts_at_a, ends_at_a = excluded.ends_at_a, starts_at_b = excluded.starts_at_b, ends_at_b = excluded.ends_at_b,
       first_night = excluded.first_night, last_night = excluded.last_night, nights = excluded.nights, updated_at = now()
     returning c.id, (c.xmax = 0) as inserted, c.listing_id, c.feed_a_id, c.feed_b_id, c.certainty, c.first_night, c.last_night, c.nights,
       c.provider_a, c.provider_b, c.arrived_after_hours
   ), vanished as (
     update booking_conflicts c set status = 'resolved', resolved_at = i.now, resolution = 'chevauchement disparu', updated_at = now()
     from imported i join listing on listing.id = i.listing_id
     where c.listing_id = i.listing_id and c.status = 'open' and (c.feed_a_id = i.feed_id or c.feed_b_id = i.feed_id) and c.last_night >= listing.today
       and not exists (select 1 from sided s where s.listing_id = c.listing_id and s.a_feed = c.feed_a_id and s.a_uid = c.uid_a and s.b_feed = c.feed_b_id and s.b_uid = c.uid_b)
     returning c.id, i.feed_id, c.resolved_at
   ), audit as (
     ${AUDIT_INSERT}
     select null, null, 'booking_conflict.opened', 'booking_conflict', o.id, jsonb_build_object('listingId', o.listing_id, 'certainty', o.certainty)
     from opened o where o.inserted
     union all
     select null, null, 'booking_conflict.resolved', 'booking_conflict', v.id, jsonb_build_object('resolution', 'chevauchement disparu', 'feedId', v.feed_id)
     from vanished v
   )
   select false as vanished, o.id, o.listing_id as "listingId", o.certainty, o.first_night::text as "firstNight", o.last_night::text as "lastNight", o.nights,
     o.provider_a as "providerA", o.provider_b as "providerB", o.arrived_after_hours as "arrivedAfterHours",
     case when exists (select 1 from imported i where i.feed_id = o.feed_a_id) then o.feed_a_id else o.feed_b_id end as "reportedTo",
     null::timestamptz as "resolvedAt"
   from opened o where o.inserted
   union all
   select true, v.id, null, null, null, null, null, null, null, null, v.feed_id, v.resolved_at from vanished v`,
);

interface DetectionItem {
  listingId: string;
  feedId: string;
  now: Date;
  arrivedAfterHours: number | null;
}

type DetectedRow = Omit<OpenedConflict, "providers"> & {
  vanished: boolean;
  providerA: string;
  providerB: string;
  reportedTo: string;
  resolvedAt: Date | string | null;
};

async function detectBatch(db: Database, items: DetectionItem[]): Promise<Map<string, OpenedConflict[]>> {
  const batch = items.map((item) => ({
    listing_id: item.listingId,
    feed_id: item.feedId,
    now: item.now,
    arrived: item.arrivedAfterHours,
  }));
  // A conflict that vanished and had been told records conflict.resolved in the same transaction.
  const rows = await inTransaction(systemContext(db), async (tx) => {
    const detected = await runPrepared<DetectedRow>(tx.db, detectStatement, [JSON.stringify(batch)]);
    for (const row of detected)
      if (row.vanished)
        await recordEvent(tx, {
          type: "conflict.resolved",
          conflictId: row.id,
          how: "vanished",
          resolvedAt: row.resolvedAt === null ? null : new Date(row.resolvedAt).toISOString(),
        });
    return detected;
  });
  // Every imported feed answers, with the conflicts it opened (most with none).
  const byFeed = new Map<string, OpenedConflict[]>(items.map((item) => [item.feedId, []]));
  for (const { vanished, providerA, providerB, reportedTo, resolvedAt: _resolvedAt, ...row } of rows)
    if (!vanished)
      byFeed.get(reportedTo)?.push({ ...row, nights: Number(row.nights), providers: [providerA, providerB] });
  return byFeed;
}

// Imports finishing together are read in one statement: a detection per import was four round trips on the worker.
const batchers = new WeakMap<Database, StatementBatcher<DetectionItem, OpenedConflict[]>>();
function batcherOf(db: Database): StatementBatcher<DetectionItem, OpenedConflict[]> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new StatementBatcher(
      (items) => detectBatch(db, items),
      (item) => item.feedId,
      () => 1,
      200,
    );
    batchers.set(db, batcher);
  }
  return batcher;
}

/**
 * Reads a feed's freshly stored stays (or the platform's reservations, feed PLATFORM_FEED_ID) against the listing's other feeds: opens the conflicts that appeared, resolves
 * those that are gone. Run after the stays were committed. Returns the conflicts it opened (reported to one of the
 * batch's feeds only, when both feeds of a conflict were imported together).
 */
export async function detectConflicts(ctx: ServiceContext, input: DetectionItem): Promise<OpenedConflict[]> {
  return (await batcherOf(ctx.db).submit(input)) ?? [];
}
