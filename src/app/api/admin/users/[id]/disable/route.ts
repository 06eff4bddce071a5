// POST /api/admin/users/{id}/disable: « Désactiver »; sessions end, open alerts go back to the queue (409: oneself, the last admin).
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { disableTeamMember } from "@/server/services/team/team.service";

export const runtime = "nodejs";

export const POST = withRole<{ id: string }>(ADMIN_ROLES, async ({ params, ctx }) =>
  jsonData(await disableTeamMember(ctx, { userId: params.id })),
);
