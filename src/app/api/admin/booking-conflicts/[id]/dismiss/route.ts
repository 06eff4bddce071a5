// PATCH /api/admin/booking-conflicts/[id]/dismiss { reason }: « Pas un conflit », audited (404 unknown, 409 already closed).
import { z } from "zod";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { dismissConflict, DismissReason } from "@/server/services/conflicts/conflicts.service";
import { getConflictDetail } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

const DismissBody = z.object({ reason: DismissReason }).strict();

export const PATCH = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ request, ctx, params }) => {
  const { reason } = await parseJsonBody(DismissBody, request);
  await dismissConflict(ctx, { conflictId: params.id, reason });
  return jsonData(await getConflictDetail(ctx, params.id));
});
