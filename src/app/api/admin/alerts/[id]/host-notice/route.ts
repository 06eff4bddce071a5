// POST /api/admin/alerts/[id]/host-notice: support sends the host the plain-language notice again (409 within the hour).
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { resendHostNotice } from "@/server/services/alerting/alerting.service";

export const runtime = "nodejs";

export const POST = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ ctx, params }) =>
  jsonData(await resendHostNotice(ctx, params.id)),
);
