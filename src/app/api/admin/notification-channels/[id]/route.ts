// GET /api/admin/notification-channels/[id]: one channel. PATCH { name?, url?, addresses?, events?, providers?,
// enabled?, rotateSecret? }: edits it (a rotated secret is in this answer only). DELETE: removes it and its log.
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import {
  deleteChannel,
  getChannel,
  updateChannel,
  UpdateChannelInput,
} from "@/server/services/notifications/notifications.service";

export const runtime = "nodejs";

export const GET = withRole<{ id: string }>(ADMIN_ROLES, async ({ ctx, params }) =>
  jsonData(await getChannel(ctx, params.id)),
);

export const PATCH = withRole<{ id: string }>(ADMIN_ROLES, async ({ request, ctx, params }) =>
  jsonData(await updateChannel(ctx, { ...(await parseJsonBody(UpdateChannelInput, request)), channelId: params.id })),
);

export const DELETE = withRole<{ id: string }>(ADMIN_ROLES, async ({ ctx, params }) =>
  jsonData(await deleteChannel(ctx, { channelId: params.id })),
);
