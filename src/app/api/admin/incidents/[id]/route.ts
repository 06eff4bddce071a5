// GET /api/admin/incidents/[id]: one provider incident with its timeline and the listings it affects.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { getIncidentDetail } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ params, ctx }) =>
  jsonData(await getIncidentDetail(ctx, params.id)),
);
