// POST /api/admin/alerts/[id]/notes { text }: a note on the alert's timeline, by the signed-in agent (201; 404 unknown).
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { NoteBody } from "@/server/api/request-schemas";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { addAlertNote } from "@/server/services/alerts/alerts.service";

export const runtime = "nodejs";

export const POST = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ request, ctx, params }) => {
  const { text } = await parseJsonBody(NoteBody, request);
  return jsonData(await addAlertNote(ctx, { alertId: params.id, text }), undefined, 201);
});
