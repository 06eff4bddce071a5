import type { Database } from "../../../db/database";
import { calendarSyncRuns, type CalendarSyncRun } from "../../../db/schema";
import { selectList } from "../../../db/select-list";
import { preparedStatement, runPrepared, isEmbeddedEngine } from "../../../db/prepared-statement";
import { StatementBatcher } from "../../../db/statement-batcher";
import { BLOCK_COLUMNS, BLOCK_ROW_TYPE, BLOCK_VALUES_FROM_K } from "../ical/feed-body-reader";
import type { ServiceContext } from "../../../service-context";
import {
  conflictCertaintySql,
  platformStaysSql,
  sharedFirstNightSql,
  sharedLastNightSql,
  stayNightsSql,
} from "../../conflicts/conflicts.service";

// Most syncs find a healthy feed still healthy. Such a sync changes no alert, so it needs neither the listing's
// lock nor a transaction: one statement records it, fenced by the lease. A statement applies to a feed only while
// it has no failure, no pending emptiness and its listing no open alert; otherwise it leaves the feed alone and the
// caller records that sync the long way (which takes the listing's lock and settles the alert).
// Syncs finishing together share one statement (StatementBatcher): one commit, so one WAL flush, for many feeds.
const HEALTHY_AND_LEASED = `f.id = b.id and f.lease_owner = b.owner and f.consecutive_failures = 0 and f.empty_since is null
  and not exists (select 1 from calendar_sync_alerts a where a.listing_id = f.listing_id and a.status <> 'resolved')`;

const SUCCESS_COLUMNS = `last_attempt_at = b.finished_at, last_success_at = b.finished_at, updated_at = b.finished_at, next_sync_at = b.next_sync_at,
  lease_owner = null, lease_until = null, consecutive_failures = 0, last_error_type = null, last_error_message = null,
  last_full_fetch_at = case when b.full_fetch then b.finished_at else f.last_full_fetch_at end`;

const unchangedStatement = preparedStatement(
  "record_unchanged_syncs_v3",
  `update calendar_feeds f set ${SUCCESS_COLUMNS}, last_outcome = 'unchanged', unchanged_syncs = f.unchanged_syncs + 1,
     etag = case when b.set_validators then b.etag else f.etag end, last_modified = case when b.set_validators then b.last_modified else f.last_modified end
   from json_to_recordset($1::json)
     as b(id text, owner text, finished_at timestamptz, next_sync_at timestamptz, full_fetch boolean, set_validators boolean, etag text, last_modified text)
   where ${HEALTHY_AND_LEASED}
   returning f.id, f.event_count as "eventCount"`,
);

const RUN_COLUMNS = selectList(calendarSyncRuns);

// The rule, read on the stays this statement sees: an imported stay (`m`, from the batch) against a sibling's (`t`).
const NEW_NIGHTS = stayNightsSql({ startsAt: "k.starts_at", endsAt: "k.ends_at", allDay: "k.all_day" }, "z.zone");
const SIBLING_NIGHTS = stayNightsSql({ startsAt: "t.starts_at", endsAt: "t.ends_at", allDay: "t.all_day" }, "z.zone");
const M = { kind: "m.kind", firstNight: "m.first_night", lastNight: "m.last_night" };
const T = { kind: "t.kind", firstNight: "t.first_night", lastNight: "t.last_night" };

// Replaces the feeds' blocks and records their runs in the same statement: the CTEs see one snapshot, so the delete
// removes the old blocks only and the insert adds the new ones; nothing happens to a feed whose row was not updated.
// It also tells, for each feed, whether its import may have opened or closed a double booking (mayConflict): only
// then does the caller hand it to the detection, a second statement. An import may have when its listing has other
// feeds and
// - a stay of it overlaps a sibling's under the rule (conflictCertaintySql), the siblings' stays being those of this
//   batch or, for the others, those committed at this statement's snapshot;
// - or the feed has an open conflict (it may have vanished);
// - or the platform changed one of the listing's reservations in the last minutes (see platform/reservations);
// - or a sibling outside the batch is leased: its import may commit new stays this snapshot does not see. Every
//   writer of stays holds the feed's lease until the commit that writes them, so a sibling neither leased nor in the
//   batch has its stays here. Of two imports that each saw the other leased, both detect after committing, and the
//   second to start reads both.
const importStatement = preparedStatement(
  "record_fresh_imports_v10",
  `with b as (
     select * from json_to_recordset($1::json)
       as b(id text, owner text, finished_at timestamptz, next_sync_at timestamptz, full_fetch boolean, etag text, last_modified text, body_hash text,
         event_count integer, started_at timestamptz, http_status integer, duration_ms integer, skipped integer)
   ), feed as (
     update calendar_feeds f set ${SUCCESS_COLUMNS}, last_outcome = 'success',
       etag = b.etag, last_modified = b.last_modified, body_hash = b.body_hash, event_count = b.event_count, empty_since = null
     from b
     where ${HEALTHY_AND_LEASED}
     returning f.id, f.listing_id, b.finished_at,
       exists (select 1 from calendar_feeds s where s.listing_id = f.listing_id and s.id <> f.id)
         or exists (select 1 from platform_reservations r where r.listing_id = f.listing_id and r.status = 'confirmed') as has_siblings
   ), fresh as materialized (
     select f.feed_id, k.* from json_to_recordset($2::json) as f(feed_id text, blocks json)
     cross join lateral json_to_recordset(f.blocks) as k${BLOCK_ROW_TYPE}
   ), removed as (
     delete from calendar_blocks where feed_id in (select id from feed)
   ), added as (
     insert into calendar_blocks (feed_id, listing_id, ${BLOCK_COLUMNS})
     select feed.id, feed.listing_id, ${BLOCK_VALUES_FROM_K}
     from fresh k join feed on feed.id = k.feed_id
   ), runs as (
     insert into calendar_sync_runs (feed_id, listing_id, started_at, finished_at, outcome, http_status, duration_ms, event_count, skipped_count)
     select feed.id, feed.listing_id, b.started_at, b.finished_at, 'success', b.http_status, b.duration_ms, b.event_count, b.skipped
     from feed join b on b.id = feed.id
     returning ${RUN_COLUMNS}
   ), z as (
     -- The listings with other feeds, once each: their zone and today there.
     select distinct on (feed.listing_id) feed.listing_id, l.time_zone as zone, (feed.finished_at at time zone l.time_zone)::date as today, feed.finished_at as now
     from feed cross join lateral (select time_zone from listings where listings.id = feed.listing_id offset 0) l
     where feed.has_siblings
     order by feed.listing_id, feed.finished_at desc
   ), new_stays as (
     select k.feed_id, z.listing_id, z.today, k.kind, ${NEW_NIGHTS.firstNight} as first_night, ${NEW_NIGHTS.lastNight} as last_night
     from (select fresh.feed_id, feed.listing_id, coalesce(fresh.kind, 'unknown') as kind, fresh.all_day,
             to_timestamp(fresh.starts_ms / 1000.0) as starts_at, to_timestamp(fresh.ends_ms / 1000.0) as ends_at
           from fresh join feed on feed.id = fresh.feed_id) k
     join z on z.listing_id = k.listing_id
     where k.kind <> 'blocked'
   ), sibling_stays as (
     select t.feed_id, z.listing_id, t.kind::text as kind, ${SIBLING_NIGHTS.firstNight} as first_night, ${SIBLING_NIGHTS.lastNight} as last_night
     from z cross join lateral (
       select * from calendar_blocks where calendar_blocks.listing_id = z.listing_id and calendar_blocks.kind <> 'blocked' and calendar_blocks.ends_at > z.now - interval '2 days'
         and not exists (select 1 from feed o where o.id = calendar_blocks.feed_id)
       offset 0
     ) t
     union all
     select p.feed_id, z.listing_id, p.kind::text, p.first_night, p.last_night
     from z cross join lateral (${platformStaysSql("z.listing_id", "z.today")}) p
     union all
     select feed_id, listing_id, kind, first_night, last_night from new_stays
   ), overlapping as materialized (
     -- Materialized: read once, not once per feed of the batch. Joined on the listing alone, so that the planner can
     -- hash it: only a listing's own stays are compared (the stay rule on every pair of the batch was most of its time).
     select distinct m.feed_id from new_stays m
     join sibling_stays t on t.listing_id = m.listing_id
     where t.feed_id <> m.feed_id and ${sharedFirstNightSql(M, T, "m.today")} <= ${sharedLastNightSql(M, T)} and ${conflictCertaintySql(M, T)} is not null
   )
   select runs.*, feed.has_siblings and (
       exists (select 1 from overlapping o where o.feed_id = feed.id)
       or exists (select 1 from booking_conflicts c where c.listing_id = feed.listing_id and c.status = 'open' and feed.id in (c.feed_a_id, c.feed_b_id))
       or exists (select 1 from calendar_feeds s where s.listing_id = feed.listing_id and s.id <> feed.id and s.lease_owner is not null
                    and not exists (select 1 from feed o where o.id = s.id))
       -- A platform reservation written while this import ran may not be in this snapshot, nor this import in its detection.
       or exists (select 1 from platform_reservations r where r.listing_id = feed.listing_id and r.updated_at > now() - interval '5 minutes')
     ) as "mayConflict"
   from runs join feed on feed.id = runs."feedId"`,
);

export interface HealthySync {
  feedId: string;
  owner: string;
  startedAt: Date;
  finishedAt: Date;
  nextSyncAt: Date;
  /** The validators were left out (the daily full download). */
  fullFetch: boolean;
  httpStatus: number;
}

interface UnchangedItem {
  sync: HealthySync;
  validators: { etag: string | null; lastModified: string | null } | undefined;
}

interface ImportItem {
  sync: HealthySync;
  content: {
    blockCount: number;
    blocksJson: string;
    skipped: number;
    bodyHash: string;
    etag: string | null;
    lastModified: string | null;
  };
}

// Each batch goes as JSON (dates as ISO strings): one JSON.stringify costs far less on the worker's thread than
// node-postgres converting every element of a dozen arrays.
async function writeUnchanged(
  db: Database,
  items: UnchangedItem[],
): Promise<Map<string, { eventCount: number | null }>> {
  const batch = items.map(({ sync, validators }) => ({
    id: sync.feedId,
    owner: sync.owner,
    finished_at: sync.finishedAt,
    next_sync_at: sync.nextSyncAt,
    full_fetch: sync.fullFetch,
    set_validators: validators !== undefined,
    etag: validators?.etag ?? null,
    last_modified: validators?.lastModified ?? null,
  }));
  const rows = await runPrepared<{ id: string; eventCount: number | null }>(db, unchangedStatement, [
    JSON.stringify(batch),
  ]);
  return new Map(rows.map((row) => [row.id, { eventCount: row.eventCount }]));
}

/** A fresh import as recorded: its run, and whether it may have opened or closed a double booking (see importStatement). */
export interface RecordedImport {
  run: CalendarSyncRun;
  mayConflict: boolean;
}

async function writeImports(db: Database, items: ImportItem[]): Promise<Map<string, RecordedImport>> {
  const feeds = items.map(({ sync, content }) => ({
    id: sync.feedId,
    owner: sync.owner,
    finished_at: sync.finishedAt,
    next_sync_at: sync.nextSyncAt,
    full_fetch: sync.fullFetch,
    etag: content.etag,
    last_modified: content.lastModified,
    body_hash: content.bodyHash,
    event_count: content.blockCount,
    started_at: sync.startedAt,
    http_status: sync.httpStatus,
    duration_ms: sync.finishedAt.getTime() - sync.startedAt.getTime(),
    skipped: content.skipped,
  }));
  // Each feed's blocks are already JSON (made where they were parsed): put together as text, not re-serialised.
  const blocks = `[${items.map(({ sync, content }) => `{"feed_id":${JSON.stringify(sync.feedId)},"blocks":${content.blocksJson}}`).join(",")}]`;
  const rows = await runPrepared<CalendarSyncRun & { mayConflict: boolean }>(db, importStatement, [
    JSON.stringify(feeds),
    blocks,
  ]);
  // bigserial comes back as a string from node-postgres.
  return new Map(
    rows.map(({ mayConflict, ...run }) => [
      run.feedId,
      { run: { ...run, id: Number(run.id) }, mayConflict: mayConflict === true },
    ]),
  );
}

// A batch carries at most this many blocks' worth of parameters; a feed with more goes alone.
const MAX_BATCH_BLOCKS = 20_000;
// On the embedded engine the app's reads wait behind each statement (one engine thread for everyone): short
// statements, so that a page waits for a few feeds' import, not for a thousand (npm run bench:embedded).
const MAX_BATCH_BLOCKS_EMBEDDED = 400;
const MAX_BATCH_UNCHANGED_EMBEDDED = 50;
const batchers = new WeakMap<
  Database,
  {
    unchanged: StatementBatcher<UnchangedItem, { eventCount: number | null }>;
    imports: StatementBatcher<ImportItem, RecordedImport>;
  }
>();

function batchersOf(db: Database) {
  let found = batchers.get(db);
  if (!found) {
    const embedded = isEmbeddedEngine(db);
    found = {
      unchanged: new StatementBatcher(
        (items) => writeUnchanged(db, items),
        (item) => item.sync.feedId,
        () => 1,
        embedded ? MAX_BATCH_UNCHANGED_EMBEDDED : 500,
      ),
      imports: new StatementBatcher(
        (items) => writeImports(db, items),
        (item) => item.sync.feedId,
        (item) => item.content.blockCount + 1,
        embedded ? MAX_BATCH_BLOCKS_EMBEDDED : MAX_BATCH_BLOCKS,
      ),
    };
    batchers.set(db, found);
  }
  return found;
}

/** A 304 or the same normalised body: the feed row updated, no run row. Null when the feed is not healthy-and-leased. */
export function recordUnchangedSync(
  ctx: ServiceContext,
  input: { sync: HealthySync; validators: { etag: string | null; lastModified: string | null } | undefined },
): Promise<{ eventCount: number | null } | null> {
  return batchersOf(ctx.db).unchanged.submit(input);
}

/** New content for a healthy feed: its blocks replaced and the run recorded. Null when it does not apply. */
export function recordFreshImport(
  ctx: ServiceContext,
  input: { sync: HealthySync; content: ImportItem["content"] },
): Promise<RecordedImport | null> {
  return batchersOf(ctx.db).imports.submit(input);
}
