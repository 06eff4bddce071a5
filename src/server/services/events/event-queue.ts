import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";

/** An event as recorded, waiting for notifications to fan it out. */
export interface PendingEvent {
  id: string;
  dedupe_key: string;
  type: string;
  facts: Record<string, unknown>;
}

const pendingStatement = preparedStatement(
  "fan_out_pending_v1",
  `select id, dedupe_key, type, facts from notification_events where fanned_out_at is null order by seq limit $1::int`,
);

/** The oldest events not yet fanned out, in the order they were recorded. */
export async function readPendingEvents(ctx: ServiceContext, limit: number): Promise<PendingEvent[]> {
  return runPrepared<PendingEvent>(ctx.db, pendingStatement, [limit]);
}

/**
 * The first CTE of a fan-out statement, for notifications to compose with their deliveries' insert (one statement for
 * a batch): stamps the events `$1` (JSON: `[{ id, data }]`, data the channels' payload or null) fanned out, each
 * once, and returns them as `events(id, seq, type, providers, for_channels)`.
 */
export const FAN_OUT_EVENTS_CTE = `events as (
     update notification_events e set data = coalesce(b.data, '{}'::jsonb), fanned_out_at = now()
     from json_to_recordset($1::json) as b(id text, data jsonb)
     where e.id = b.id and e.fanned_out_at is null
     returning e.id, e.seq, e.type, e.providers, b.data is not null as for_channels
   )`;

/** The events as others may read them, to join (`join ${EVENT_ROWS} e on e.id = …`): id, seq, type, occurred_at, data. */
export const EVENT_ROWS = `(select id, seq, type, occurred_at, data from notification_events)`;

/**
 * Records a channel's test event, already fanned out (its one delivery is the test's): the event's seq, to order the
 * delivery.
 */
export async function recordTestEvent(
  ctx: ServiceContext,
  event: { id: string; data: Record<string, unknown>; timestamp: string },
): Promise<number> {
  const [row] = await runPrepared<{ seq: number }>(ctx.db, testEventStatement, [
    event.id,
    `test:${event.id}`,
    JSON.stringify(event.data),
    event.timestamp,
  ]);
  return Number(row!.seq);
}

const testEventStatement = preparedStatement(
  "record_test_event_v1",
  `insert into notification_events (id, dedupe_key, type, data, occurred_at, fanned_out_at)
   values ($1::text, $2::text, 'test', $3::jsonb, $4::timestamptz, now()) returning seq`,
);
