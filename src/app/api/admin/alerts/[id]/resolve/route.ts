// PATCH /api/admin/alerts/[id]/resolve: marks an open alert resolved by the signed-in agent, with an optional note;
// an escalated one tells the escalation's recipients « [Résolu] … ».
import { z } from "zod";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { resolveAlertByHand } from "@/server/services/alerting/alerting.service";
import { ResolutionNote } from "@/server/services/alerts/resolve-alert";

export const runtime = "nodejs";

const ResolveBody = z.object({ note: ResolutionNote.optional() }).strict();

export const PATCH = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ request, ctx, params }) => {
  const body = await parseJsonBody(ResolveBody, request);
  return jsonData(await resolveAlertByHand(ctx, { alertId: params.id, note: body.note }));
});
