// PATCH /api/admin/alerts/[id]/assignee { userId | null }: gives an open alert to a support or admin user, or to
// nobody (404 unknown, 409 resolved, 422 not a support or admin account).
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { AssigneeBody } from "@/server/api/request-schemas";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { assignAlert } from "@/server/services/alerts/alerts.service";

export const runtime = "nodejs";

export const PATCH = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ request, ctx, params }) => {
  const { userId } = await parseJsonBody(AssigneeBody, request);
  return jsonData(await assignAlert(ctx, { alertId: params.id, userId }));
});
