// PATCH /api/admin/booking-conflicts/[id]/dismiss { reason }: « Pas un conflit », audited (404 unknown, 409 already closed).
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { DismissConflictBody } from "@/server/api/request-schemas";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { dismissConflict } from "@/server/services/conflicts/conflicts.service";
import { getConflictDetail } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const PATCH = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ request, ctx, params }) => {
  const { reason } = await parseJsonBody(DismissConflictBody, request);
  await dismissConflict(ctx, { conflictId: params.id, reason });
  return jsonData(await getConflictDetail(ctx, params.id));
});
