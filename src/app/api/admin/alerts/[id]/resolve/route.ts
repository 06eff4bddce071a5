// PATCH /api/admin/alerts/[id]/resolve: marks an open alert resolved by the signed-in agent, with an optional note.
import { z } from "zod";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { resolveAlert } from "@/server/services/alerts/alerts.service";
import { ResolutionNote } from "@/server/services/alerts/resolve-alert";

export const runtime = "nodejs";

const ResolveBody = z.object({ note: ResolutionNote.optional() }).strict();

export const PATCH = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ request, ctx, params }) => {
  const body = await parseJsonBody(ResolveBody, request);
  return jsonData(await resolveAlert(ctx, { alertId: params.id, note: body.note }));
});
