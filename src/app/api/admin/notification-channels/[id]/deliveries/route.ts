// GET /api/admin/notification-channels/[id]/deliveries: « Dernières livraisons », the latest attempts, newest first.
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { listChannelDeliveries } from "@/server/services/notifications/notifications.service";

export const runtime = "nodejs";

export const GET = withRole<{ id: string }>(ADMIN_ROLES, async ({ ctx, params }) =>
  jsonData(await listChannelDeliveries(ctx, { channelId: params.id })),
);
