import { getConfig } from "../../../config";
import { sql } from "drizzle-orm";
import { notificationChannels, type NotificationChannel, type NotificationEventType } from "../../../db/schema";
import { queryRows } from "../../../db/query-rows";
import { preparedStatement, runPrepared } from "../../../db/prepared-statement";
import { EVENT_ROWS } from "../../events/events.service";
import { inTransaction, type ServiceContext } from "../../../service-context";
import { enqueueEmail } from "../enqueue-email";
import { queueChannelEmails, renderChannelFailingEmail } from "./channel-email";
import type { PostOutcome } from "./channel-http";
import { sendToChannel } from "./send-to-channel";
import type { ChannelEvent } from "./event-summary";

/** Seconds before the next try after the 1st, 2nd… failure (the last one repeats): 11 tries over about 24 h. */
export const RETRY_DELAYS_SECONDS = [30, 60, 300, 900, 1_800, 3_600, 7_200, 14_400, 28_800, 28_800];
/** A delivery is abandoned when its next try would come later than this after it was queued. */
export const RETRY_WINDOW_SECONDS = 24 * 3_600;
/** A receiver's Retry-After is believed up to this long. */
const MAX_RETRY_AFTER_SECONDS = 6 * 3_600;

export interface DeliverOptions {
  /** Unique per worker process: the lease's owner. */
  workerId: string;
  supportEmail: string;
  appUrl: string;
  allowHosts: readonly string[];
  /** Failed attempts in a row after which a channel is marked failing (one e-mail to supportEmail). */
  failingAfter: number;
  timeoutMs?: number;
  channelsPerTurn?: number;
  deliveriesPerChannel?: number;
  /** Renewed before each send; longer than a send's time limit, so that a lease never ends mid-send. */
  leaseMs?: number;
}

export interface DeliverResult {
  delivered: number;
  failed: number;
}

interface HeadRow extends Record<string, unknown> {
  delivery_id: string;
  attempts: number;
  age_seconds: number;
  due: boolean;
  event_id: string;
  event_type: NotificationEventType;
  occurred_at: string | Date;
  data: Record<string, unknown>;
}

const ms = (value: number) => sql`(${value}::bigint * interval '1 millisecond')`;

/**
 * Claims channels whose oldest pending delivery is due: a lease per channel (owner, until, a token incremented on
 * every claim), SKIP LOCKED so that workers share channels and never deliver one channel's events two at once.
 * One statement, answering the claimed channels' rows.
 */
async function claimChannels(ctx: ServiceContext, options: DeliverOptions): Promise<NotificationChannel[]> {
  const { db } = ctx;
  const due = db
    .select({ id: notificationChannels.id })
    .from(notificationChannels)
    .where(
      sql`${notificationChannels.disabledAt} is null and (${notificationChannels.leaseUntil} is null or ${notificationChannels.leaseUntil} < now())
        and (select d.next_attempt_at from notification_deliveries d
             where d.channel_id = ${notificationChannels.id} and d.status = 'pending' order by d.event_seq limit 1) <= now()`,
    )
    .orderBy(notificationChannels.id)
    .limit(options.channelsPerTurn ?? 20)
    .for("update", { skipLocked: true });
  return db
    .update(notificationChannels)
    .set({
      leaseOwner: options.workerId,
      leaseUntil: sql`now() + ${ms(options.leaseMs ?? 60_000)}`,
      leaseToken: sql`${notificationChannels.leaseToken} + 1`,
    })
    .where(sql`${notificationChannels.id} in (${due})`)
    .returning();
}

/** Renews the lease (fenced by its token) and reads the channel's oldest pending delivery; null when the lease is lost. */
async function renewAndReadHead(
  ctx: ServiceContext,
  channel: NotificationChannel,
  options: DeliverOptions,
): Promise<HeadRow | null | "lost"> {
  const rows = await queryRows<HeadRow & { leased: string | null }>(
    ctx.db,
    sql`with lease as (
          update notification_channels set lease_until = now() + ${ms(options.leaseMs ?? 60_000)}
          where id = ${channel.id} and lease_token = ${channel.leaseToken} and lease_owner = ${options.workerId} and disabled_at is null
          returning id)
        select (select id from lease) as leased, d.id as delivery_id, d.attempts, d.next_attempt_at <= now() as due,
               extract(epoch from now() - d.created_at)::float8 as age_seconds,
               e.id as event_id, e.type as event_type, e.occurred_at, e.data
        from (select 1) one
        left join notification_deliveries d on d.channel_id = (select id from lease) and d.status = 'pending'
          and d.event_seq = (select min(event_seq) from notification_deliveries p where p.channel_id = (select id from lease) and p.status = 'pending')
        left join ${sql.raw(EVENT_ROWS)} e on e.id = d.event_id`,
  );
  const row = rows[0];
  if (!row?.leased) return "lost";
  return row.delivery_id ? row : null;
}

/**
 * The next try's delay after `attempts` failures of a delivery queued `ageSeconds` ago, or null when it is given up.
 * The window is in time, not tries: a receiver's short Retry-After makes more tries, never a shorter window.
 */
export function nextRetrySeconds(attempts: number, retryAfter: number | null, ageSeconds: number): number | null {
  const scheduled = RETRY_DELAYS_SECONDS[Math.min(attempts, RETRY_DELAYS_SECONDS.length) - 1]!;
  const delay = retryAfter !== null ? Math.min(Math.max(retryAfter, 1), MAX_RETRY_AFTER_SECONDS) : scheduled;
  return ageSeconds + delay > RETRY_WINDOW_SECONDS + 600 ? null : delay;
}

/**
 * Records an attempt's outcome in one transaction, fenced by the lease's token: the attempt's row, the delivery
 * (delivered, retried later or abandoned), the channel's failure count (failing after `failingAfter` in a row, with
 * one e-mail to support; disabled on a 410). False when the lease was lost: nothing is recorded.
 */
export async function recordAttempt(
  ctx: ServiceContext,
  input: {
    channel: NotificationChannel;
    deliveryId: string;
    attempts: number;
    ageSeconds: number;
    event: ChannelEvent;
    outcome: PostOutcome | "email";
    options: DeliverOptions;
  },
): Promise<boolean> {
  const { channel, deliveryId, event, outcome, options } = input;
  if (outcome !== "email" && outcome.error === null)
    return recordDelivered(ctx, { channel, deliveryId, outcome, options });
  return inTransaction(ctx, async (tx) => {
    const fenced = await queryRows<{ id: string }>(
      tx.db,
      sql`select id from notification_channels where id = ${channel.id} and lease_token = ${channel.leaseToken} and lease_owner = ${options.workerId} for update`,
    );
    if (fenced.length === 0) return false;
    const post = outcome === "email" ? await queueChannelEmails(tx, { channel, event, deliveryId }) : outcome;
    await tx.db.execute(sql`insert into notification_attempts (delivery_id, channel_id, status_code, duration_ms, error)
      values (${deliveryId}, ${channel.id}, ${post.statusCode}, ${post.durationMs}, ${post.error})`);
    if (post.error === null) {
      await tx.db
        .execute(sql`update notification_deliveries set status = 'delivered', attempts = attempts + 1, delivered_at = now(), last_status_code = ${post.statusCode}, last_error = null
        where id = ${deliveryId}`);
      await tx.db.execute(
        sql`update notification_channels set consecutive_failures = 0, failing_since = null where id = ${channel.id}`,
      );
      return true;
    }
    const attempts = input.attempts + 1;
    const retryIn = nextRetrySeconds(attempts, post.retryAfterSeconds, input.ageSeconds);
    await tx.db
      .execute(sql`update notification_deliveries set attempts = ${attempts}, last_status_code = ${post.statusCode}, last_error = ${post.error.slice(0, 500)},
        status = ${retryIn === null ? "abandoned" : "pending"}, next_attempt_at = now() + ${ms((retryIn ?? 0) * 1000)}
      where id = ${deliveryId}`);
    const [counted] = await queryRows<{ consecutive_failures: number; failing_since: Date | string | null }>(
      tx.db,
      sql`update notification_channels set consecutive_failures = consecutive_failures + 1,
            failing_since = case when failing_since is null and consecutive_failures + 1 >= ${options.failingAfter} then now() else failing_since end,
            disabled_at = case when ${post.statusCode === 410}::boolean then now() else disabled_at end,
            disabled_reason = case when ${post.statusCode === 410}::boolean then 'gone' else disabled_reason end
          where id = ${channel.id} returning consecutive_failures, failing_since`,
    );
    // Crossed once per failing spell: the count goes back to 0 on the next success.
    if (counted && Number(counted.consecutive_failures) === options.failingAfter && counted.failing_since) {
      const since = new Date(counted.failing_since);
      const email = renderChannelFailingEmail(
        {
          id: channel.id,
          name: channel.name,
          type: channel.type,
          failures: options.failingAfter,
          lastError: post.error,
        },
        options.appUrl,
        getConfig().mail.supportLocale,
      );
      await enqueueEmail(tx, {
        dedupeKey: `notification-channel-failing:${channel.id}:${since.getTime()}`,
        kind: "notification_channel.failing",
        recipient: options.supportEmail,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html,
      });
    }
    return true;
  });
}

// A delivered attempt, the common case, in one statement: fenced by the lease's token as the transaction below is, and
// the channel's failure count written only when there is one to clear.
const deliveredStatement = preparedStatement(
  "record_channel_delivered_v1",
  `with fence as (
     select id from notification_channels where id = $1::text and lease_token = $2::bigint and lease_owner = $3::text for update
   ), attempt as (
     insert into notification_attempts (delivery_id, channel_id, status_code, duration_ms, error)
     select $4::text, fence.id, $5::integer, $6::integer, null from fence
   ), delivery as (
     update notification_deliveries set status = 'delivered', attempts = attempts + 1, delivered_at = now(), last_status_code = $5::integer, last_error = null
     where id = $4::text and exists (select 1 from fence)
   ), cleared as (
     update notification_channels c set consecutive_failures = 0, failing_since = null
     from fence where c.id = fence.id and (c.consecutive_failures <> 0 or c.failing_since is not null)
   )
   select count(*)::int as fenced from fence`,
);

async function recordDelivered(
  ctx: ServiceContext,
  input: { channel: NotificationChannel; deliveryId: string; outcome: PostOutcome; options: DeliverOptions },
): Promise<boolean> {
  const { channel, outcome } = input;
  const [row] = await runPrepared<{ fenced: number }>(ctx.db, deliveredStatement, [
    channel.id,
    channel.leaseToken,
    input.options.workerId,
    input.deliveryId,
    outcome.statusCode,
    Math.round(outcome.durationMs),
  ]);
  return Number(row?.fenced ?? 0) > 0;
}

async function release(ctx: ServiceContext, channel: NotificationChannel, workerId: string): Promise<void> {
  await ctx.db.execute(sql`update notification_channels set lease_owner = null, lease_until = null
    where id = ${channel.id} and lease_token = ${channel.leaseToken} and lease_owner = ${workerId}`);
}

const eventOf = (head: HeadRow): ChannelEvent => ({
  id: head.event_id,
  // Only the channels' event types have deliveries (fan-out-events.ts).
  type: head.event_type as ChannelEvent["type"],
  timestamp: new Date(head.occurred_at).toISOString(),
  data: head.data,
});

/** Delivers one leased channel's due events in order; stops at the first failure (later events wait their turn). */
async function deliverChannel(
  ctx: ServiceContext,
  channel: NotificationChannel,
  options: DeliverOptions,
  result: DeliverResult,
): Promise<void> {
  try {
    for (let sent = 0; sent < (options.deliveriesPerChannel ?? 50); sent++) {
      const head = await renewAndReadHead(ctx, channel, options);
      if (head === "lost" || head === null || !head.due) return;
      const event = eventOf(head);
      const outcome = await sendToChannel(channel, event, {
        allowHosts: options.allowHosts,
        timeoutMs: options.timeoutMs ?? 10_000,
      });
      const recorded = await recordAttempt(ctx, {
        channel,
        deliveryId: head.delivery_id,
        attempts: Number(head.attempts),
        ageSeconds: Number(head.age_seconds),
        event,
        outcome,
        options,
      });
      if (!recorded) return;
      if (outcome !== "email" && outcome.error !== null) {
        result.failed++;
        return;
      }
      result.delivered++;
    }
  } finally {
    await release(ctx, channel, options.workerId);
  }
}

/** One turn of the worker: claims due channels and delivers each one's events, channels side by side. */
export async function deliverNotifications(ctx: ServiceContext, options: DeliverOptions): Promise<DeliverResult> {
  const result: DeliverResult = { delivered: 0, failed: 0 };
  const channels = await claimChannels(ctx, options);
  await Promise.all(channels.map((channel) => deliverChannel(ctx, channel, options, result)));
  return result;
}
