// GET /api/admin/booking-conflicts/[id]: one double booking, its two stays, the listing's feeds and its timeline.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { getConflictDetail } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ ctx, params }) =>
  jsonData(await getConflictDetail(ctx, params.id)),
);
