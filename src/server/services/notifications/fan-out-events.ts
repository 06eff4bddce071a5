import { getConfig } from "../../config";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import { inTransaction, type ServiceContext } from "../../service-context";
import { enqueueEmail, type OutgoingEmail } from "./enqueue-email";
import { logger } from "../../logger";
import { emailsOf, type RecordedEvent } from "./event-emails";
import { channelDataOf } from "./channels/event-data";
import { FAN_OUT_EVENTS_CTE, readPendingEvents } from "../events/events.service";

const BATCH = 200;

// One fan-out at a time across every worker: channels then receive events in the order they were recorded.
const lockStatement = preparedStatement(
  "fan_out_lock_v1",
  `select pg_try_advisory_xact_lock(hashtext('notification-events-fan-out')) as locked`,
);

// A batch in one statement: the channels' payloads, and one delivery per active channel subscribed to the type and,
// for channels limited to some providers, sharing one. A delivery's id derives from the event's and the channel's.
const fanOutStatement = preparedStatement(
  "fan_out_events_v2",
  `with ${FAN_OUT_EVENTS_CTE}
   insert into notification_deliveries (id, event_id, event_seq, channel_id)
   select 'd' || md5(events.id || ':' || c.id), events.id, events.seq, c.id
   from events join notification_channels c
     on events.for_channels and c.disabled_at is null and events.type = any(c.events)
       and (c.providers is null or c.providers && events.providers)`,
);

/**
 * Notifications' half of the events step: each recorded event, in order, becomes its e-mails (support's mailbox,
 * the host, the second level) and one delivery per subscribed channel, in one transaction, once however many workers
 * run it. Run by the worker before it sends. Returns how many events it fanned out.
 */
export async function fanOutEvents(ctx: ServiceContext, input: { limit?: number } = {}): Promise<number> {
  const { auth, mail } = getConfig();
  return inTransaction(ctx, async (tx) => {
    const [lock] = await runPrepared<{ locked: boolean }>(tx.db, lockStatement, []);
    if (!lock?.locked) return 0;
    const pending = await readPendingEvents(tx, input.limit ?? BATCH);
    const batch: Array<{ id: string; data: Record<string, unknown> | null }> = [];
    for (const row of pending) {
      const event = { ...row.facts, type: row.type, key: row.dedupe_key } as RecordedEvent;
      let rendered: { emails: OutgoingEmail[]; data: Record<string, unknown> | null };
      try {
        rendered = {
          emails: emailsOf(event, {
            appUrl: auth.url,
            supportEmail: mail.supportEmail,
            supportLocale: mail.supportLocale,
          }),
          data: channelDataOf(event, auth.url),
        };
      } catch (error) {
        // One event whose facts cannot be rendered must not hold back every later one: it is logged and passed.
        logger.error({ err: error, eventId: row.id, type: row.type }, "notifications: event could not be rendered");
        rendered = { emails: [], data: null };
      }
      for (const email of rendered.emails) await enqueueEmail(tx, email);
      batch.push({ id: row.id, data: rendered.data });
    }
    if (batch.length > 0) await runPrepared(tx.db, fanOutStatement, [JSON.stringify(batch)]);
    return pending.length;
  });
}
