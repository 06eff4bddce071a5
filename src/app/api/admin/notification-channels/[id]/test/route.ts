// POST /api/admin/notification-channels/[id]/test: sends a `test` event now and answers how the receiver answered.
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { sendTestEvent } from "@/server/services/notifications/notifications.service";

export const runtime = "nodejs";

export const POST = withRole<{ id: string }>(ADMIN_ROLES, async ({ ctx, params }) =>
  jsonData(await sendTestEvent(ctx, { channelId: params.id })),
);
