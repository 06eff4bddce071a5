// GET /api/admin/notification-channels: the channels (admins only).
// POST { type, name, url? | addresses?, events, providers? }: a new channel, 201; a webhook's secret is in this answer only.
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { createChannel, CreateChannelInput, listChannels } from "@/server/services/notifications/notifications.service";

export const runtime = "nodejs";

export const GET = withRole(ADMIN_ROLES, async ({ ctx }) => jsonData(await listChannels(ctx)));

export const POST = withRole(ADMIN_ROLES, async ({ request, ctx }) =>
  jsonData(await createChannel(ctx, await parseJsonBody(CreateChannelInput, request)), undefined, 201),
);
