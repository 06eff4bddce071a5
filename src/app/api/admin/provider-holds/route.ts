// GET /api/admin/provider-holds: providers that asked us to wait (Retry-After), per owner or provider-wide.
// DELETE /api/admin/provider-holds { provider }: an admin lifts one provider's hold (audited; 404 when it has none).
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { ClearProviderHoldBody } from "@/server/api/request-schemas";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { clearProviderHoldByHand } from "@/server/services/alerting/alerting.service";
import { listProviderHoldsFor } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withRole(BACK_OFFICE_ROLES, async ({ ctx }) => jsonData(await listProviderHoldsFor(ctx)));

export const DELETE = withRole(["admin"], async ({ request, ctx }) => {
  const { provider } = await parseJsonBody(ClearProviderHoldBody, request);
  return jsonData(await clearProviderHoldByHand(ctx, provider));
});
