import { sql } from "drizzle-orm";
import { queryRows } from "../../../db/query-rows";
import type { ServiceContext } from "../../../service-context";
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

/** « Dernières livraisons »: a channel's latest attempts, newest first. */
export async function listChannelDeliveries(ctx: ServiceContext, input: { channelId: string; limit?: number }): Promise<DeliveryAttemptDTO[]> {
  authorizeViewer(ctx.actor, ["admin"]);
  if (!isEntityId(input.channelId)) throw new NotFoundError("Canal", input.channelId);
  const [channel] = await queryRows<{ id: string }>(ctx.db, sql`select id from notification_channels where id = ${input.channelId}`);
  if (!channel) throw new NotFoundError("Canal", input.channelId);
  const rows = await queryRows<{ at: Date | string; event_id: string; event_type: string; status: DeliveryAttemptDTO["deliveryStatus"]; status_code: number | null; duration_ms: number; error: string | null }>(
    ctx.db,
    sql`select a.attempted_at as at, e.id as event_id, e.type as event_type, d.status, a.status_code, a.duration_ms, a.error
        from notification_attempts a
        join notification_deliveries d on d.id = a.delivery_id
        join notification_events e on e.id = d.event_id
        where a.channel_id = ${input.channelId}
        order by a.attempted_at desc, a.id desc
        limit ${Math.min(Math.max(input.limit ?? 50, 1), 200)}`,
  );
  return rows.map((row) => ({
    at: new Date(row.at).toISOString(),
    eventId: row.event_id,
    eventType: row.event_type,
    deliveryStatus: row.status,
    statusCode: row.status_code === null ? null : Number(row.status_code),
    durationMs: Number(row.duration_ms),
    error: row.error,
  }));
}
