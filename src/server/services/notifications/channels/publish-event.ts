import { preparedStatement, runPrepared } from "../../../db/prepared-statement";
import { newId } from "../../../db/new-id";
import type { ServiceContext } from "../../../service-context";
import type { NotificationEventType } from "../../../db/schema";

export interface NotificationEventInput {
  /** Stable per fact (the e-mail's dedupe key): the event is written once however many workers see it. */
  dedupeKey: string;
  type: NotificationEventType;
  data: Record<string, unknown>;
  /** The provider keys it concerns. */
  providers?: string[];
  /**
   * An alert's listing: its failing feeds' providers join `providers`, and its next arrival within 7 days (the
   * arrival at risk) is added to the data as `nextArrivalAt`, read in the same statement. Provider keys are
   * compared in lower case (channels store theirs so).
   */
  listingId?: string;
  /** A booking conflict: its two feeds' providers join `providers`. */
  conflictId?: string;
}

/**
 * The event (once, by its dedupe key) and one delivery per active channel subscribed to its type and, for channels
 * limited to some providers, sharing one, as WITH clauses whose parameters start at $first: the statement that queues
 * the e-mail telling the same fact carries them too (no extra round trip on the escalation's path). The last clause,
 * `published`, returns one row per delivery. A delivery's id derives from the event's and the channel's.
 */
export function publishClauses(first: number): string {
  const $ = (index: number) => `$${first + index - 1}`;
  return `facts as (
     select array(select distinct lower(p) from unnest(array(select jsonb_array_elements_text(${$(4)}::jsonb))
                 || array(select f.provider_key from calendar_feeds f where f.listing_id = ${$(6)}::text and f.consecutive_failures > 0)
                 || array(select f.provider_key from calendar_feeds f join booking_conflicts bc on f.id in (bc.feed_a_id, bc.feed_b_id) where bc.id = ${$(7)}::text)) p
               order by 1) as providers,
            case when ${$(6)}::text is null then ${$(5)}::jsonb
                 else ${$(5)}::jsonb || jsonb_build_object('nextArrivalAt', (select to_char(min(b.starts_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                   from calendar_blocks b where b.listing_id = ${$(6)}::text and b.starts_at >= now() and b.starts_at < now() + interval '7 days')) end as data
   ), event as (
     insert into notification_events (id, dedupe_key, type, providers, data)
     select ${$(1)}::text, ${$(2)}::text, ${$(3)}::text, facts.providers, facts.data from facts
     on conflict (dedupe_key) do nothing
     returning id, seq, type, providers
   ), published as (
     insert into notification_deliveries (id, event_id, event_seq, channel_id)
     select 'd' || md5(event.id || ':' || c.id), event.id, event.seq, c.id
     from event join notification_channels c
       on c.disabled_at is null and event.type = any(c.events) and (c.providers is null or c.providers && event.providers)
     returning event_id
   )`;
}

/** The seven parameters of publishClauses, in order. */
export function publishParameters(input: NotificationEventInput): unknown[] {
  return [
    newId(),
    input.dedupeKey,
    input.type,
    JSON.stringify(input.providers ?? []),
    JSON.stringify(input.data),
    input.listingId ?? null,
    input.conflictId ?? null,
  ];
}

const publishStatement = preparedStatement(
  "publish_notification_event_v2",
  `with ${publishClauses(1)} select event_id from published`,
);

/** Writes the event and its deliveries in the caller's transaction; the number of deliveries queued (0 when already published). */
export async function publishNotificationEvent(ctx: ServiceContext, input: NotificationEventInput): Promise<number> {
  const rows = await runPrepared(ctx.db, publishStatement, publishParameters(input));
  return rows.length;
}
