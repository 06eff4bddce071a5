import { eq, sql } from "drizzle-orm";
import { newId } from "../../../db/new-id";
import { recordTestEvent } from "../../events/events.service";
import { notificationChannels, type NotificationChannel } from "../../../db/schema";
import { inTransaction, type ServiceContext } from "../../../service-context";
import { authorizeViewer } from "../../../actor";
import { getConfig } from "../../../config";
import { NotFoundError } from "../../../errors";
import { isEntityId } from "../../../validation";
import { recordAudit } from "../../audit/audit.service";
import { queueChannelEmails } from "./channel-email";
import type { PostOutcome } from "./channel-http";
import { sendToChannel } from "./send-to-channel";
import type { ChannelEvent } from "./event-summary";

export interface TestOutcome {
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * « Envoyer un test »: a `test` event sent to this channel now, while the admin waits, and its answer. It goes to the
 * delivery log like any other; it is not retried (the admin sees the answer and tries again). A disabled channel can
 * be tested: that is how an admin checks a receiver is back before enabling it.
 */
export async function sendTestEvent(ctx: ServiceContext, input: { channelId: string }): Promise<TestOutcome> {
  authorizeViewer(ctx.actor, ["admin"]);
  if (!isEntityId(input.channelId)) throw new NotFoundError("Canal", input.channelId);
  const [channel] = await ctx.db
    .select()
    .from(notificationChannels)
    .where(eq(notificationChannels.id, input.channelId))
    .limit(1);
  if (!channel) throw new NotFoundError("Canal", input.channelId);
  const event: ChannelEvent = {
    id: newId(),
    type: "test",
    timestamp: new Date().toISOString(),
    data: { channel: { id: channel.id, name: channel.name } },
  };
  const deliveryId = `d${event.id}`;
  await inTransaction(ctx, async (tx) => {
    const seq = await recordTestEvent(tx, event);
    await tx.db.execute(
      sql`insert into notification_deliveries (id, event_id, event_seq, channel_id, status) values (${deliveryId}, ${event.id}, ${seq}, ${channel.id}, 'abandoned')`,
    );
  });
  const outcome = await sendNow(channel, event, deliveryId, ctx);
  await inTransaction(ctx, async (tx) => {
    await tx.db.execute(
      sql`insert into notification_attempts (delivery_id, channel_id, status_code, duration_ms, error) values (${deliveryId}, ${channel.id}, ${outcome.statusCode}, ${outcome.durationMs}, ${outcome.error})`,
    );
    await tx.db
      .execute(sql`update notification_deliveries set attempts = 1, status = ${outcome.error === null ? "delivered" : "abandoned"}, delivered_at = ${outcome.error === null ? sql`now()` : null},
      last_status_code = ${outcome.statusCode}, last_error = ${outcome.error} where id = ${deliveryId}`);
    await recordAudit(tx, {
      action: "notification_channel.tested",
      entityType: "notification_channel",
      entityId: channel.id,
      data: { statusCode: outcome.statusCode, error: outcome.error },
    });
  });
  return {
    delivered: outcome.error === null,
    statusCode: outcome.statusCode,
    durationMs: outcome.durationMs,
    error: outcome.error,
  };
}

async function sendNow(
  channel: NotificationChannel,
  event: ChannelEvent,
  deliveryId: string,
  ctx: ServiceContext,
): Promise<PostOutcome> {
  const outcome = await sendToChannel(channel, event, { allowHosts: getConfig().fetch.allowHosts, timeoutMs: 10_000 });
  return outcome === "email" ? queueChannelEmails(ctx, { channel, event, deliveryId }) : outcome;
}
