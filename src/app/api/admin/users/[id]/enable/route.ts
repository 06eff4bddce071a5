// POST /api/admin/users/{id}/enable: « Réactiver ».
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { enableTeamMember } from "@/server/services/team/team.service";

export const runtime = "nodejs";

export const POST = withRole<{ id: string }>(ADMIN_ROLES, async ({ params, ctx }) =>
  jsonData(await enableTeamMember(ctx, { userId: params.id })),
);
