// PATCH /api/admin/alerts/[id]/resolve: marks an open alert resolved by the signed-in agent, with an optional note;
// an escalated one tells the escalation's recipients « [Résolu] … ».
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { ResolveAlertBody } from "@/server/api/request-schemas";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { resolveAlertByHand } from "@/server/services/alerting/alerting.service";

export const runtime = "nodejs";

export const PATCH = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ request, ctx, params }) => {
  const body = await parseJsonBody(ResolveAlertBody, request);
  return jsonData(await resolveAlertByHand(ctx, { alertId: params.id, note: body.note }));
});
