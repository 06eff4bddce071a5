import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "../../../db/query-rows";
import type { ServiceContext } from "../../../service-context";
import { EVENT_ROWS } from "../../events/events.service";
import { authorizeViewer } from "../../../actor";
import { NotFoundError } from "../../../errors";
import { isEntityId } from "../../../validation";

export interface DeliveryAttemptDTO {
  at: string;
  eventId: string;
  eventType: string;
  /** The delivery's state now: delivered, pending (another try is planned) or abandoned. */
  deliveryStatus: "pending" | "delivered" | "abandoned";
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

type AttemptRow = {
  channel_id: string;
  at: Date | string;
  event_id: string;
  event_type: string;
  status: DeliveryAttemptDTO["deliveryStatus"];
  status_code: number | null;
  duration_ms: number;
  error: string | null;
};

const toAttemptDto = (row: AttemptRow): DeliveryAttemptDTO => ({
  at: new Date(row.at).toISOString(),
  eventId: row.event_id,
  eventType: row.event_type,
  deliveryStatus: row.status,
  statusCode: row.status_code === null ? null : Number(row.status_code),
  durationMs: Number(row.duration_ms),
  error: row.error,
});

// The latest attempts of the channels `scope` selects, newest first, at most `limit` per channel.
function latestAttempts(scope: SQL, limit: number) {
  return sql`select channel_id, at, event_id, event_type, status, status_code, duration_ms, error from (
      select a.channel_id, a.attempted_at as at, e.id as event_id, e.type as event_type, d.status, a.status_code, a.duration_ms, a.error, a.id,
             row_number() over (partition by a.channel_id order by a.attempted_at desc, a.id desc) as rank
      from notification_attempts a
      join notification_deliveries d on d.id = a.delivery_id
      join ${sql.raw(EVENT_ROWS)} e on e.id = d.event_id
      where ${scope}) ranked
    where rank <= ${limit}
    order by channel_id, at desc, id desc`;
}

/** « Dernières livraisons »: a channel's latest attempts, newest first. */
export async function listChannelDeliveries(
  ctx: ServiceContext,
  input: { channelId: string; limit?: number },
): Promise<DeliveryAttemptDTO[]> {
  authorizeViewer(ctx.actor, ["admin"]);
  if (!isEntityId(input.channelId)) throw new NotFoundError("Canal", input.channelId);
  const [channel] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from notification_channels where id = ${input.channelId}`,
  );
  if (!channel) throw new NotFoundError("Canal", input.channelId);
  const rows = await queryRows<AttemptRow>(
    ctx.db,
    latestAttempts(sql`a.channel_id = ${input.channelId}`, Math.min(Math.max(input.limit ?? 50, 1), 200)),
  );
  return rows.map(toAttemptDto);
}

/** The channels page: every channel's latest attempts in one read, by channel id. */
export async function listLatestDeliveriesByChannel(
  ctx: ServiceContext,
  input: { perChannel: number },
): Promise<Map<string, DeliveryAttemptDTO[]>> {
  authorizeViewer(ctx.actor, ["admin"]);
  const rows = await queryRows<AttemptRow>(
    ctx.db,
    latestAttempts(sql`true`, Math.min(Math.max(input.perChannel, 1), 50)),
  );
  const byChannel = new Map<string, DeliveryAttemptDTO[]>();
  for (const row of rows) byChannel.set(row.channel_id, [...(byChannel.get(row.channel_id) ?? []), toAttemptDto(row)]);
  return byChannel;
}
