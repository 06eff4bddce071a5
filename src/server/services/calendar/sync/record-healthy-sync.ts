import type { Database } from "../../../db/database";
import type { CalendarSyncRun } from "../../../db/schema";
import { preparedStatement, runPrepared } from "../../../db/prepared-statement";
import type { ParsedBlock } from "../ical/parse-ical";

// Most syncs find a healthy feed still healthy. Such a sync changes no alert, so it needs neither the listing's
// lock nor a transaction: one statement records it, fenced by the lease. Each statement applies only while the
// feed has no failure, no pending emptiness and its listing no open alert; otherwise it changes nothing and the
// caller records the sync the long way (which takes the listing's lock and settles the alert).
const HEALTHY_AND_LEASED = `f.id = $1 and f.lease_owner = $2 and f.consecutive_failures = 0 and f.empty_since is null
  and not exists (select 1 from calendar_sync_alerts a where a.listing_id = f.listing_id and a.status <> 'resolved')`;

const SUCCESS_COLUMNS = `last_attempt_at = $3, last_success_at = $3, updated_at = $3, next_sync_at = $4, lease_owner = null, lease_until = null,
  consecutive_failures = 0, last_error_type = null, last_error_message = null,
  last_full_fetch_at = case when $5::boolean then $3 else f.last_full_fetch_at end`;

const unchangedStatement = preparedStatement(
  "record_unchanged_sync_v1",
  `update calendar_feeds f set ${SUCCESS_COLUMNS}, last_outcome = 'unchanged', unchanged_syncs = f.unchanged_syncs + 1,
     etag = case when $6::boolean then $7::text else f.etag end, last_modified = case when $6::boolean then $8::text else f.last_modified end
   where ${HEALTHY_AND_LEASED}
   returning f.event_count as "eventCount"`,
);

const RUN_COLUMNS = `id, feed_id as "feedId", listing_id as "listingId", started_at as "startedAt", finished_at as "finishedAt", outcome,
  error_type as "errorType", error_message as "errorMessage", http_status as "httpStatus", duration_ms as "durationMs",
  event_count as "eventCount", skipped_count as "skippedCount"`;

// Replaces the feed's blocks and records the run in the same statement: the CTEs see one snapshot, so the delete
// removes the old blocks only and the insert adds the new ones; nothing happens unless the feed row was updated.
const importStatement = preparedStatement(
  "record_fresh_import_v1",
  `with feed as (
     update calendar_feeds f set ${SUCCESS_COLUMNS}, last_outcome = 'success',
       etag = $6::text, last_modified = $7::text, body_hash = $8::text, event_count = $9::integer, empty_since = null
     where ${HEALTHY_AND_LEASED}
     returning f.id, f.listing_id
   ), removed as (
     delete from calendar_blocks where feed_id = (select id from feed)
   ), added as (
     insert into calendar_blocks (feed_id, listing_id, uid, starts_at, ends_at, all_day, summary)
     select feed.id, feed.listing_id, b.uid, b.starts_at, b.ends_at, b.all_day, b.summary
     from feed, unnest($10::text[], $11::timestamptz[], $12::timestamptz[], $13::boolean[], $14::text[]) as b(uid, starts_at, ends_at, all_day, summary)
   )
   insert into calendar_sync_runs (feed_id, listing_id, started_at, finished_at, outcome, http_status, duration_ms, event_count, skipped_count)
   select feed.id, feed.listing_id, $15, $3, 'success', $16::integer, $17::integer, $9::integer, $18::integer from feed
   returning ${RUN_COLUMNS}`,
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

/** A 304 or the same normalised body: one statement, no run row. Null when the feed is not healthy-and-leased. */
export async function recordUnchangedSync(
  db: Database,
  sync: HealthySync,
  validators: { etag: string | null; lastModified: string | null } | undefined,
): Promise<{ eventCount: number | null } | null> {
  const [row] = await runPrepared<{ eventCount: number | null }>(db, unchangedStatement, [
    sync.feedId,
    sync.owner,
    sync.finishedAt,
    sync.nextSyncAt,
    sync.fullFetch,
    validators !== undefined,
    validators?.etag ?? null,
    validators?.lastModified ?? null,
  ]);
  return row ?? null;
}

/** New content for a healthy feed: its blocks replaced and the run recorded in one statement. Null when it does not apply. */
export async function recordFreshImport(
  db: Database,
  sync: HealthySync,
  content: { blocks: ParsedBlock[]; skipped: number; bodyHash: string; etag: string | null; lastModified: string | null },
): Promise<CalendarSyncRun | null> {
  const { blocks } = content;
  const [run] = await runPrepared<CalendarSyncRun>(db, importStatement, [
    sync.feedId,
    sync.owner,
    sync.finishedAt,
    sync.nextSyncAt,
    sync.fullFetch,
    content.etag,
    content.lastModified,
    content.bodyHash,
    blocks.length,
    blocks.map((block) => block.uid),
    blocks.map((block) => block.startsAt),
    blocks.map((block) => block.endsAt),
    blocks.map((block) => block.allDay),
    blocks.map((block) => block.summary),
    sync.startedAt,
    sync.httpStatus,
    sync.finishedAt.getTime() - sync.startedAt.getTime(),
    content.skipped,
  ]);
  if (!run) return null;
  // bigserial comes back as a string from node-postgres.
  return { ...run, id: Number(run.id) };
}
