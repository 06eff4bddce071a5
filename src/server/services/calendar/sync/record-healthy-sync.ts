import type { Database } from "../../../db/database";
import { calendarSyncRuns, type CalendarSyncRun } from "../../../db/schema";
import { selectList } from "../../../db/select-list";
import { preparedStatement, runPrepared } from "../../../db/prepared-statement";
import { StatementBatcher } from "../../../db/statement-batcher";
import { BLOCK_COLUMNS, BLOCK_ROW_TYPE, BLOCK_VALUES_FROM_K } from "../ical/feed-body-reader";
import type { ServiceContext } from "../../../service-context";

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

// Replaces the feeds' blocks and records their runs in the same statement: the CTEs see one snapshot, so the delete
// removes the old blocks only and the insert adds the new ones; nothing happens to a feed whose row was not updated.
const importStatement = preparedStatement(
  "record_fresh_imports_v8",
  `with b as (
     select * from json_to_recordset($1::json)
       as b(id text, owner text, finished_at timestamptz, next_sync_at timestamptz, full_fetch boolean, etag text, last_modified text, body_hash text,
         event_count integer, started_at timestamptz, http_status integer, duration_ms integer, skipped integer)
   ), feed as (
     update calendar_feeds f set ${SUCCESS_COLUMNS}, last_outcome = 'success',
       etag = b.etag, last_modified = b.last_modified, body_hash = b.body_hash, event_count = b.event_count, empty_since = null
     from b
     where ${HEALTHY_AND_LEASED}
     returning f.id, f.listing_id, exists (select 1 from calendar_feeds s where s.listing_id = f.listing_id and s.id <> f.id) as has_siblings
   ), removed as (
     delete from calendar_blocks where feed_id in (select id from feed)
   ), added as (
     insert into calendar_blocks (feed_id, listing_id, ${BLOCK_COLUMNS})
     select feed.id, feed.listing_id, ${BLOCK_VALUES_FROM_K}
     from json_to_recordset($2::json) as f(feed_id text, blocks json)
     join feed on feed.id = f.feed_id
     cross join lateral json_to_recordset(f.blocks) as k${BLOCK_ROW_TYPE}
   ), runs as (
     insert into calendar_sync_runs (feed_id, listing_id, started_at, finished_at, outcome, http_status, duration_ms, event_count, skipped_count)
     select feed.id, feed.listing_id, b.started_at, b.finished_at, 'success', b.http_status, b.duration_ms, b.event_count, b.skipped
     from feed join b on b.id = feed.id
     returning ${RUN_COLUMNS}
   )
   select runs.*, feed.has_siblings as "hasSiblings" from runs join feed on feed.id = runs."feedId"`,
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
  content: { blockCount: number; blocksJson: string; skipped: number; bodyHash: string; etag: string | null; lastModified: string | null };
}

// Each batch goes as JSON (dates as ISO strings): one JSON.stringify costs far less on the worker's thread than
// node-postgres converting every element of a dozen arrays.
async function writeUnchanged(db: Database, items: UnchangedItem[]): Promise<Map<string, { eventCount: number | null }>> {
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
  const rows = await runPrepared<{ id: string; eventCount: number | null }>(db, unchangedStatement, [JSON.stringify(batch)]);
  return new Map(rows.map((row) => [row.id, { eventCount: row.eventCount }]));
}

/** A fresh import as recorded: its run, and whether its listing has other feeds (its stays may overlap theirs). */
export interface RecordedImport {
  run: CalendarSyncRun;
  hasSiblings: boolean;
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
  const rows = await runPrepared<CalendarSyncRun & { hasSiblings: boolean }>(db, importStatement, [JSON.stringify(feeds), blocks]);
  // bigserial comes back as a string from node-postgres.
  return new Map(rows.map(({ hasSiblings, ...run }) => [run.feedId, { run: { ...run, id: Number(run.id) }, hasSiblings: hasSiblings === true }]));
}

// A batch carries at most this many blocks' worth of parameters; a feed with more goes alone.
const MAX_BATCH_BLOCKS = 20_000;
const batchers = new WeakMap<Database, { unchanged: StatementBatcher<UnchangedItem, { eventCount: number | null }>; imports: StatementBatcher<ImportItem, RecordedImport> }>();

function batchersOf(db: Database) {
  let found = batchers.get(db);
  if (!found) {
    found = {
      unchanged: new StatementBatcher((items) => writeUnchanged(db, items), (item) => item.sync.feedId, () => 1, 500),
      imports: new StatementBatcher((items) => writeImports(db, items), (item) => item.sync.feedId, (item) => item.content.blockCount + 1, MAX_BATCH_BLOCKS),
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
export function recordFreshImport(ctx: ServiceContext, input: { sync: HealthySync; content: ImportItem["content"] }): Promise<RecordedImport | null> {
  return batchersOf(ctx.db).imports.submit(input);
}
