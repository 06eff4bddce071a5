// PATCH /api/admin/users/{id}/role { role }: support ↔ admin; not oneself, nor the last active admin (409).
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ChangeRoleBody, changeAccountRole } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const PATCH = withRole<{ id: string }>(ADMIN_ROLES, async ({ request, params, ctx }) => {
  const { role } = await parseJsonBody(ChangeRoleBody, request);
  return jsonData(await changeAccountRole(ctx, { userId: params.id, role }));
});
