// GET /api/admin/alerts/[id]: one alert with its timeline of failed attempts.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { getAlertDetail } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ params, ctx }) =>
  jsonData(await getAlertDetail(ctx, params.id)),
);
