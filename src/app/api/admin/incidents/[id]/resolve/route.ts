// PATCH /api/admin/incidents/[id]/resolve: support closes an open incident by hand (404 unknown, 409 already closed).
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { ResolveIncidentBody } from "@/server/api/request-schemas";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { resolveIncidentByHand } from "@/server/services/alerting/alerting.service";
import { getIncidentDetail } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const PATCH = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ request, ctx, params }) => {
  await parseJsonBody(ResolveIncidentBody, request);
  await resolveIncidentByHand(ctx, params.id);
  return jsonData(await getIncidentDetail(ctx, params.id));
});
