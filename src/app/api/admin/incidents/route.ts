// GET /api/admin/incidents?status=open|resolved|all: provider incidents, open ones first, then the history.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseSearchParams } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ListIncidentsInput, listIncidents } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withRole(BACK_OFFICE_ROLES, async ({ request, ctx }) => {
  const page = await listIncidents(ctx, parseSearchParams(ListIncidentsInput, request.url));
  return jsonData(page.data, page.meta);
});
